using EvmCluster.Coordinator.Cli;

return CommandLine.Run(args);
