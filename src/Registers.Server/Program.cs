using JasperFx;
using Registers.Server;

var app = ServerApp.Build(args);

// A first word (e.g. "codegen write") is a JasperFx tool command; otherwise the arguments are
// ordinary ASP.NET configuration (--urls, --Registers:PublicHost=...) and the server just runs.
if (args.Length > 0 && !args[0].StartsWith('-'))
{
    return await app.RunJasperFxCommands(args);
}

await app.RunAsync();
return 0;
