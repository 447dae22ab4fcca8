using System.Text.Json;
using EvmCluster.Evm.Core;
using EvmCluster.Evm.Numerics;
using EvmCluster.Execution.State;

namespace EvmCluster.Execution.Fixtures;

/// <summary>Reads the "pre" / "alloc" / "postState" account maps shared by the state-test, block-test and genesis formats.</summary>
public static class GenesisAccounts
{
    public static InMemoryState Load(JsonElement accounts)
    {
        var state = new InMemoryState();
        foreach (JsonProperty account in accounts.EnumerateObject())
        {
            Address address = JsonHex.ToAddress(account.Name, "address");
            JsonElement a = account.Value;
            UInt256 balance = a.TryGetProperty("balance", out JsonElement b) ? JsonHex.ToUInt256(b, $"{account.Name}.balance") : default;
            ulong nonce = a.TryGetProperty("nonce", out JsonElement n) ? JsonHex.ToULong(n, $"{account.Name}.nonce") : 0;
            byte[] code = a.TryGetProperty("code", out JsonElement c) ? JsonHex.ToBytes(c, $"{account.Name}.code") : [];
            var storage = new List<KeyValuePair<UInt256, UInt256>>();
            if (a.TryGetProperty("storage", out JsonElement s))
            {
                foreach (JsonProperty slot in s.EnumerateObject())
                {
                    storage.Add(new(JsonHex.ToUInt256(slot.Name, $"{account.Name}.storage key"),
                        JsonHex.ToUInt256(slot.Value, $"{account.Name}.storage[{slot.Name}]")));
                }
            }
            state.SetAccount(address, nonce, balance, code, storage);
        }
        return state;
    }
}
