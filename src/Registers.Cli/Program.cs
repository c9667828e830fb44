using Registers.Cli;

return await RegistersApp.Create(CliConsoles.FromSystem()).RunAsync(args);
