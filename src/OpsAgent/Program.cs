using LiveStt.OpsAgent.Hosting;

await OpsAgentHost.Build(args).RunAsync();
