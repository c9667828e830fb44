using Registers.Cli;
using Registers.Shared;

using var interruption = new SignalCancellation();
return await RegistersApp.Create(CliConsoles.FromSystem()).RunAsync(args, interruption.Token);
