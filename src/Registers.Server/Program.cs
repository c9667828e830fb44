using JasperFx;
using Registers.Server;

var app = await ServerApp.BuildAsync(args);
return await app.RunJasperFxCommands(args);
