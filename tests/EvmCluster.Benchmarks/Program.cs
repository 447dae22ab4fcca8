using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(EvmCluster.Benchmarks.InterpreterBenchmarks).Assembly).Run(args);
