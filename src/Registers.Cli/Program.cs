using Registers.Cli;

using var interruption = new Interruption();
return await RegistersApp.Create(CliConsoles.FromSystem()).RunAsync(args, interruption.Token);
