using EvmCluster.Evm.Core;
using EvmCluster.Evm.Interpreter;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.Processing;

namespace EvmCluster.Execution.Tests.Parallel;

/// <summary>
/// The hand-assembled contracts of the conflict blocks, each a few dozen bytes, and their fixed addresses.
/// Every one writes storage or logs what it saw, so a wrong read shows in the state root or the receipts.
/// </summary>
internal static class ConflictContracts
{
    public static readonly Address Counter = Address.FromLowBytes(0xC0_0001);
    public static readonly Address Token = Address.FromLowBytes(0xC0_0002);
    public static readonly Address Reader = Address.FromLowBytes(0xC0_0003);
    public static readonly Address Factory = Address.FromLowBytes(0xC0_0004);
    public static readonly Address Reverter = Address.FromLowBytes(0xC0_0005);
    public static readonly Address Capped = Address.FromLowBytes(0xC0_0006);
    public static readonly Address Burner = Address.FromLowBytes(0xC0_0007);
    public static readonly Address Transient = Address.FromLowBytes(0xC0_0008);
    public static readonly Address Recursor = Address.FromLowBytes(0xC0_0009);
    public static readonly Address[] Destructibles = [Address.FromLowBytes(0xD0_0000), Address.FromLowBytes(0xD0_0001), Address.FromLowBytes(0xD0_0002)];
    public static Address BeaconRoots => SystemContracts.BeaconRoots;

    /// <summary>calldata [inc, slot]: storage[slot] += inc + 1; logs the new value.</summary>
    public static readonly byte[] CounterCode = new Asm()
        .Push(0x20).Ops(Op.CallDataLoad, Op.Dup1, Op.SLoad)             // [v slot]
        .Push(0).Ops(Op.CallDataLoad, Op.Add).Push(1).Ops(Op.Add)      // [n slot]
        .Ops(Op.Dup1).Push(0).Ops(Op.MStore, Op.Swap1, Op.SStore)       // storage[slot] = n, mem[0] = n
        .Push(0x20).Push(0).Ops(Op.Log0, Op.Stop)
        .Build();

    /// <summary>
    /// What the factory and plain creates deploy: a one-byte call self-destructs to the caller,
    /// anything else counts like <see cref="CounterCode"/>.
    /// </summary>
    public static readonly byte[] ChildRuntime = new Asm()
        .Ops(Op.CallDataSize).Push(1).Ops(Op.Eq).PushLabel("die").Ops(Op.JumpI)
        .Bytes(CounterCode)
        .JumpDest("die").Ops(Op.Caller, Op.SelfDestruct)
        .Build();

    /// <summary>Init code: storage[5] = callvalue + 1, then deploys <see cref="ChildRuntime"/>.</summary>
    public static readonly byte[] ChildInit = Deployer(ChildRuntime, writeStorage: true);

    /// <summary>Init code deploying a contract whose every call self-destructs to its caller.</summary>
    public static readonly byte[] DestroyerInit = Deployer([Op.Caller, Op.SelfDestruct], writeStorage: false);

    /// <summary>Init code that self-destructs during creation, sending the endowment to <paramref name="beneficiary"/>.</summary>
    public static byte[] SuicidalInit(Address beneficiary) => new Asm().Push(beneficiary).Ops(Op.SelfDestruct).Build();

    /// <summary>
    /// ERC-20-like transfer, calldata [to, amount], balances keyed by address: reverts when the
    /// caller's balance is short, else moves the amount and logs it with the recipient as topic.
    /// </summary>
    public static readonly byte[] TokenCode = new Asm()
        .Ops(Op.Caller, Op.SLoad).Push(0x20).Ops(Op.CallDataLoad)       // [amt bal]
        .Ops(Op.Dup2, Op.Dup2, Op.Gt).PushLabel("short").Ops(Op.JumpI)  // amt > bal → revert
        .Ops(Op.Dup1, Op.Dup3, Op.Sub, Op.Caller, Op.SStore)           // balance[caller] = bal - amt
        .Ops(Op.Swap1, Op.Pop)                                          // [amt]
        .Push(0).Ops(Op.CallDataLoad, Op.Dup1, Op.SLoad, Op.Dup3, Op.Add, Op.Swap1, Op.SStore) // balance[to] += amt
        .Push(0).Ops(Op.MStore)
        .Push(0).Ops(Op.CallDataLoad).Push(0x20).Push(0).Ops(Op.Log1, Op.Stop)
        .JumpDest("short").Push(0).Push(0).Ops(Op.Revert)
        .Build();

    /// <summary>
    /// calldata [address]: logs its balance, code hash and code size and stores the balance under
    /// the caller's key. With no calldata it reads the coinbase instead.
    /// </summary>
    public static readonly byte[] ReaderCode = new Asm()
        .Push(0).Ops(Op.CallDataLoad, Op.Dup1, Op.IsZero, Op.IsZero).PushLabel("have").Ops(Op.JumpI)
        .Ops(Op.Pop, Op.Coinbase)
        .JumpDest("have")
        .Ops(Op.Dup1, Op.Balance).Push(0).Ops(Op.MStore)
        .Ops(Op.Dup1, Op.ExtCodeHash).Push(0x20).Ops(Op.MStore)
        .Ops(Op.ExtCodeSize).Push(0x40).Ops(Op.MStore)
        .Push(0x60).Push(0).Ops(Op.Log0)
        .Push(0).Ops(Op.MLoad, Op.Caller, Op.SStore, Op.Stop)
        .Build();

    /// <summary>
    /// calldata [mode, salt]. Mode 0: CREATE a child; 1: CREATE2 a child with the salt; 2: CREATE a
    /// destroyer and call it in the same transaction. The value goes along as endowment. Logs the new
    /// address (zero on failure) and keeps it in storage[mode].
    /// </summary>
    public static readonly byte[] FactoryCode = new Asm()
        .Push((ulong)ChildInit.Length).PushLabel("child").Push(0).Ops(Op.CodeCopy)
        .Push(0).Ops(Op.CallDataLoad)
        .Ops(Op.Dup1).Push(1).Ops(Op.Eq).PushLabel("create2").Ops(Op.JumpI)
        .Ops(Op.Dup1).Push(2).Ops(Op.Eq).PushLabel("destroy").Ops(Op.JumpI)
        .Push((ulong)ChildInit.Length).Push(0).Ops(Op.CallValue, Op.Create).PushLabel("record").Ops(Op.Jump)
        .JumpDest("create2")
        .Push(0x20).Ops(Op.CallDataLoad).Push((ulong)ChildInit.Length).Push(0).Ops(Op.CallValue, Op.Create2)
        .PushLabel("record").Ops(Op.Jump)
        .JumpDest("destroy")
        .Push((ulong)DestroyerInit.Length).PushLabel("destroyer").Push(0).Ops(Op.CodeCopy)
        .Push((ulong)DestroyerInit.Length).Push(0).Ops(Op.CallValue, Op.Create)
        .PushCallTail(0, 0).Ops(Op.Dup6, Op.Gas, Op.Call, Op.Pop)
        .JumpDest("record")
        .Ops(Op.Dup1).Push(0).Ops(Op.MStore).Push(0x20).Push(0).Ops(Op.Log0)
        .Ops(Op.Swap1, Op.SStore, Op.Stop)
        .Label("child").Bytes(ChildInit)
        .Label("destroyer").Bytes(DestroyerInit)
        .Build();

    /// <summary>calldata [target]: calls the target with 64 zero bytes, writes storage[0] = 1, then reverts it all.</summary>
    public static readonly byte[] ReverterCode = new Asm()
        .PushCallTail(0x40, 0).Push(0).Ops(Op.CallDataLoad, Op.Gas, Op.Call, Op.Pop)
        .Push(1).Push(0).Ops(Op.SStore)
        .Push(0).Push(0).Ops(Op.Revert)
        .Build();

    /// <summary>calldata [target, gas]: calls the target with that much gas; storage[0] += 1 + success.</summary>
    public static readonly byte[] CappedCode = new Asm()
        .PushCallTail(0x40, 0).Push(0).Ops(Op.CallDataLoad).Push(0x20).Ops(Op.CallDataLoad, Op.Call)
        .Push(1).Ops(Op.Add).Push(0).Ops(Op.SLoad, Op.Add).Push(0).Ops(Op.SStore, Op.Stop)
        .Build();

    /// <summary>Writes storage[0] = caller, then loops until out of gas (so the write never lands).</summary>
    public static readonly byte[] BurnerCode = new Asm()
        .Ops(Op.Caller).Push(0).Ops(Op.SStore)
        .JumpDest("loop").PushLabel("loop").Ops(Op.Jump)
        .Build();

    /// <summary>
    /// Transient counter: t += 1, recurses once into itself (with one byte of calldata) so the inner
    /// frame sees the outer's transient write, then storage[1] += t. Leaked transient state shows as a
    /// larger sum. Before Cancun TLOAD is an invalid opcode and the call fails.
    /// </summary>
    public static readonly byte[] TransientCode = new Asm()
        .Push(0).Ops(Op.TLoad).Push(1).Ops(Op.Add).Push(0).Ops(Op.TStore)
        .Ops(Op.CallDataSize).PushLabel("done").Ops(Op.JumpI)
        .PushCallTail(1, 0).Ops(Op.Address, Op.Gas, Op.Call, Op.Pop)
        .JumpDest("done")
        .Push(0).Ops(Op.TLoad).Push(1).Ops(Op.SLoad, Op.Add).Push(1).Ops(Op.SStore, Op.Stop)
        .Build();

    /// <summary>
    /// Adds one to storage[0], then calls itself, until the gas runs out: hundreds of nested frames on the
    /// executing thread's stack, and the deepest (failed) frame's write reverted.
    /// </summary>
    public static readonly byte[] RecursorCode = new Asm()
        .Push(0).Ops(Op.SLoad).Push(1).Ops(Op.Add).Push(0).Ops(Op.SStore)
        .PushCallTail(0, 0).Ops(Op.Address, Op.Gas, Op.Call, Op.Pop, Op.Stop)
        .Build();

    /// <summary>calldata [beneficiary]: SELFDESTRUCT to it.</summary>
    public static readonly byte[] DestructibleCode = new Asm().Push(0).Ops(Op.CallDataLoad, Op.SelfDestruct).Build();

    /// <summary>Stand-in for the EIP-4788 contract: storage[timestamp] = calldata word (the system call writes the root there).</summary>
    public static readonly byte[] BeaconCode = new Asm().Push(0).Ops(Op.CallDataLoad, Op.Timestamp, Op.SStore, Op.Stop).Build();

    /// <summary>Where the factory's CREATE2 puts a child for <paramref name="salt"/>.</summary>
    public static Address Create2Child(ulong salt) => ContractAddress.From(Factory, new UInt256(salt), ChildInit);

    /// <summary>Init code that optionally writes storage[5] = callvalue + 1, then returns <paramref name="runtime"/>.</summary>
    private static byte[] Deployer(byte[] runtime, bool writeStorage)
    {
        var asm = new Asm();
        if (writeStorage) asm.Ops(Op.CallValue).Push(1).Ops(Op.Add).Push(5).Ops(Op.SStore);
        return asm.Push((ulong)runtime.Length).Ops(Op.Dup1).PushLabel("runtime").Push(0).Ops(Op.CodeCopy)
            .Push(0).Ops(Op.Return)
            .Label("runtime").Bytes(runtime)
            .Build();
    }
}
