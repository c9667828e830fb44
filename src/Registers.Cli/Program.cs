using Registers.Cli;
using Registers.Shared;

using var interruption = new SignalCancellation();
return await RegistersApp.RunAsync(CliConsoles.FromSystem(), args, cancellationToken: interruption.Token);
