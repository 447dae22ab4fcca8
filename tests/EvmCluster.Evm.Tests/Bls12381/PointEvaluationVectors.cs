namespace EvmCluster.Evm.Tests.Bls12381;

/// <summary>
/// verify_kzg_proof cases from the consensus-spec tests (as shipped in c-kzg-4844, kzg-mainnet):
/// expected true (proof verifies), false (valid inputs, proof does not verify) or null (an input
/// is malformed). The precompile fails for both false and null.
/// </summary>
internal static class PointEvaluationVectors
{
    private const string Infinity = "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";
    private const string Generator = "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb";
    private const string RMinus1 = "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000";
    private const string Zero = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string One = "0000000000000000000000000000000000000000000000000000000000000001";
    private const string Two = "0000000000000000000000000000000000000000000000000000000000000002";
    private const string CommitA421 = "a421e229565952cfff4ef3517100a97da1d4fe57956fa50a442f92af03b1bf37adacc8ad4ed209b31287ea5bb94d9d06";
    private const string CommitB49d = "b49d88afcd7f6c61a8ea69eff5f609d2432b47e7e4cd50b02cdddb4e0c1460517e8df02e4e64dc55e3d8ca192d57193a";
    private const string Commit8f59 = "8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7";
    private const string CommitA572 = "a572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e";
    private const string Y1824 = "1824b159acc5056f998c4fefecbc4ff55884b7fa0003480200000001fffffffe";
    private const string ProofB0c8 = "b0c829a8d2d3405304fecbea193e6c67f7c3912a6adc7c3737ad3f8a3b750425c1531a7426f03033a3994bc82a10609f";

    public sealed record Case(string Name, string Commitment, string Z, string Y, string Proof, bool? Expected);

    public static readonly Case[] All =
    [
        new("correct_proof_31ebd010e6098750", Commit8f59, RMinus1,
            "1522a4a7f34e1ea350ae07c29c96c7e79655aa926122e95fe69fcbd932ca49e9",
            "a62ad71d14c5719385c0686f1871430475bf3a00f0aa3f7b8dd99a9abc2160744faf0070725e00b60ad9a026a15b1a8c", true),
        new("correct_proof_392169c16a2e5ef6", CommitA421, RMinus1,
            "304962b3598a0adf33189fdfd9789feab1096ff40006900400000003fffffffc",
            "aa86c458b3065e7ec244033a2ade91a7499561f482419a3a372c42a636dad98262a2ce926d142fd7cfe26ca148efe8b4", true),
        new("correct_proof_395cf6d697d1a743", CommitA572, RMinus1, Two, Infinity, true),
        new("correct_proof_420f2a187ce77035", CommitA421, Two,
            "2bf4e1f980eb94661a21affc4d7e6e56f214fe3e7dc4d20b98c66ffd43cabeb0",
            "89012990b0ca02775bd9df8145f6c936444b83f54df1f5f274fb4312800a6505dd000ee8ec7b0ea6d72092a3daf0bffb", true),
        new("correct_proof_444b73ff54a19b44", CommitB49d, One,
            "443e7af5274b52214ea6c775908c54519fea957eecd98069165a8b771082fd51",
            "a060b350ad63d61979b80b25258e7cc6caf781080222e0209b4a0b074decca874afc5c41de3313d8ed217d905e6ada43", true),
        new("correct_proof_53a9bdf4f75196da", "b" + Generator[1..],
            "564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d36306", RMinus1, Infinity, true),
        new("correct_proof_7db4f140a955dd1a", CommitB49d, RMinus1,
            "58cdc98c4c44791bb8ba7e58a80324ef8c021c79c68e253c430fa2663188f7f2",
            "9506a8dc7f3f720a592a79a4e711e28d8596854bac66b9cb2d6d361704f1735442d47ea09fda5e0984f0928ce7d2f5f6", true),
        new("correct_proof_83e53423a2dd93fe", CommitA421, One, Y1824, ProofB0c8, true),
        new("correct_proof_point_at_infinity_for_twos_poly_177b58dc7a46b08f", CommitA572,
            "5eb7004fe57383e6c88b99d839937fddf3f99279353aaf8d5c9a75f91ce33c62", Two, Infinity, true),
        new("correct_proof_point_at_infinity_for_zero_poly_3ac8dc31e9aa6a70", Infinity, RMinus1, Zero, Infinity, true),

        new("incorrect_proof_0cf79b17cb5f4ea2", Infinity,
            "5eb7004fe57383e6c88b99d839937fddf3f99279353aaf8d5c9a75f91ce33c62", Zero, Generator, false),
        new("incorrect_proof_177b58dc7a46b08f", CommitA572,
            "5eb7004fe57383e6c88b99d839937fddf3f99279353aaf8d5c9a75f91ce33c62", Two, Generator, false),
        new("incorrect_proof_444b73ff54a19b44", CommitB49d, One,
            "443e7af5274b52214ea6c775908c54519fea957eecd98069165a8b771082fd51",
            "a7de1e32bb336b85e42ff5028167042188317299333f091dd88675e84a550577bfa564b2f57cd2498e2acf875e0aaa40", false),
        new("incorrect_proof_e68d7111a2364a49", Commit8f59, Two,
            "549345dd3612e36fab0ab7baffe3faa5b820d56b71348c89ecaf63f7c4f85370",
            "94fce36bf7e9f0ed981728fcd829013de96f7d25f8b4fe885059ec24af36f801ffbf68ec4604ef6e5f5f800f5cf31238", false),
        new("incorrect_proof_point_at_infinity_392169c16a2e5ef6", CommitA421, RMinus1,
            "304962b3598a0adf33189fdfd9789feab1096ff40006900400000003fffffffc", Infinity, false),
        new("incorrect_proof_point_at_infinity_83e53423a2dd93fe", CommitA421, One, Y1824, Infinity, false),

        new("invalid_commitment_0", Generator[..^2], One, Y1824, ProofB0c8, null),
        new("invalid_commitment_1", Generator + "00", One, Y1824, ProofB0c8, null),
        new("invalid_commitment_2", "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", One, Y1824, ProofB0c8, null),
        new("invalid_commitment_3", "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde0", One, Y1824, ProofB0c8, null),
        new("invalid_proof_0", CommitA421, One, Y1824, Generator[..^2], null),
        new("invalid_proof_1", CommitA421, One, Y1824, Generator + "00", null),
        new("invalid_proof_2", CommitA421, One, Y1824, "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", null),
        new("invalid_proof_e9d3e9ec16fbc15f", CommitA421, One, Y1824, "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde0", null),
    ];
}
