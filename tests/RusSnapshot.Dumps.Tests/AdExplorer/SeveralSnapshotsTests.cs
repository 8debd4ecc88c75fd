using System.Diagnostics;
using RusSnapshot.Dumps.Input;
using RusSnapshot.Dumps.Tests.Input;

namespace RusSnapshot.Dumps.Tests.AdExplorer;

/// <summary>
/// Several snapshots read as one dump: each holds the Configuration partition, as read from its own DC. Copies that
/// differ only in what a DC keeps for itself (USNs, whenChanged, logon counters) are the same object, not conflicts.
/// </summary>
public sealed class SeveralSnapshotsTests
{
    private static byte[] Snapshot(string server, long usn, string when, string description, string domain)
    {
        var b = new SnapshotBuilder { Server = server };
        b.Property("uSNChanged", 4, 10);
        b.Property("uSNCreated", 4, 10);
        b.Property("whenChanged", 15, 9);
        b.Property("description", 7, 3);
        b.Property("logonCount", 3, 7);
        var changed = DateTime.ParseExact(when, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        b.Add("CN=Configuration,DC=contoso,DC=test", ("objectClass", ["top", "configuration"]), ("uSNChanged", [usn]), ("uSNCreated", [usn - 10]), ("whenChanged", [changed]));
        b.Add("CN=Sites,CN=Configuration,DC=contoso,DC=test", ("objectClass", ["top", "sitesContainer"]), ("description", [description]), ("uSNChanged", [usn + 1]));
        b.Add(domain, ("objectClass", ["top", "domain", "domainDNS"]), ("logonCount", [(int)usn]));
        return b.Build();
    }

    [Fact]
    public void Configuration_copies_from_two_dcs_are_one_object_each_unless_they_really_differ()
    {
        using var files = new InputFiles();
        var a = files.Write("contoso.dat", Snapshot("dc1.contoso.test", 5000, "2024-05-01", "sites", "DC=contoso,DC=test"));
        var b = files.Write("child1.dat", Snapshot("dc1.child1.contoso.test", 9000, "2024-05-03", "sites, since renamed", "DC=child1,DC=contoso,DC=test"));

        using var set = new DumpSetReader(DumpSource.Expand([a, b]), new DumpOpenOptions { Reader = new DumpReaderOptions { OnBadRecord = BadRecordHandling.Collect } });
        var dns = new List<string>();
        while (set.Read())
        {
            dns.Add(set.Current.Dn);
        }

        Assert.Equal(4, dns.Count);
        Assert.Equal([0L, 2L], set.Inputs.Select(i => i.DuplicateEntries).Order());
        var conflict = Assert.Single(set.Conflicts);
        Assert.Equal("CN=Sites,CN=Configuration,DC=contoso,DC=test", conflict.Dn);
        Assert.Equal(["dc1.child1.contoso.test", "dc1.contoso.test"], set.Inputs.Select(i => i.Capture!.Server).Order(StringComparer.Ordinal));
        Assert.All(set.Inputs, i => Assert.True(i.IsValid));
    }

    [Theory]
    [InlineData("uSNChanged", true)]
    [InlineData("USNCREATED", true)]
    [InlineData("whenChanged", true)]
    [InlineData("lastLogon", true)]
    [InlineData("lastLogoff", true)]
    [InlineData("logonCount", true)]
    [InlineData("badPwdCount", true)]
    [InlineData("badPasswordTime", true)]
    [InlineData("whenCreated", false)]
    [InlineData("lastLogonTimestamp", false)]
    [InlineData("objectGUID", false)]
    public void Only_attributes_a_dc_keeps_for_itself_are_left_out_of_the_comparison(string attribute, bool local)
    {
        Assert.Equal(local, DumpSetReader.IsLocalToTheDc(System.Text.Encoding.ASCII.GetBytes(attribute)));
    }

    [PosixFact]
    public void A_snapshot_through_a_fifo_is_copied_and_read_once_with_its_hash()
    {
        using var files = new InputFiles();
        var fifo = Path.Combine(files.Root, "piped.dat");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var bytes = AdExplorerReaderTests.Typed().Build();
        var writer = new Thread(() =>
        {
            using var s = new FileStream(fifo, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            s.Write(bytes);
        }) { IsBackground = true };
        writer.Start();

        using var set = new DumpSetReader(DumpSource.Expand([fifo]), new DumpOpenOptions { ComputeSha256 = true });
        var count = 0;
        while (set.Read())
        {
            count++;
        }

        Assert.True(writer.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, count);
        var input = set.Inputs.Single();
        Assert.True(input.IsValid);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), input.Sha256);
        Assert.Equal(bytes.Length, input.FileBytes);
    }
}
