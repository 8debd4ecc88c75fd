using System.Text;
using RusSnapshot.Dumps.Input;

namespace RusSnapshot.Dumps.Tests.Input;

public sealed class SingleByteToUtf8StreamTests
{
    static SingleByteToUtf8StreamTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData(1252, 1)]
    [InlineData(1252, 2)]
    [InlineData(1252, 7)]
    [InlineData(1252, 4096)]
    [InlineData(1250, 5)]
    [InlineData(850, 64)]
    public void Decodes_every_byte_like_the_code_page_at_any_read_size(int codePage, int readSize)
    {
        var encoding = Encoding.GetEncoding(codePage);
        var input = Enumerable.Range(0, 256).Select(b => (byte)b).Concat("dn: CN=Ren\u00e9e\r\n"u8.ToArray()).ToArray();
        input = [.. input, .. input.Select(b => (byte)(b ^ 0x80))];
        var expected = Encoding.UTF8.GetBytes(encoding.GetString(input));

        using var stream = new SingleByteToUtf8Stream(new MemoryStream(input), encoding, bufferSize: 16);
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        Assert.True(SingleByteToUtf8Stream.Supports(encoding));
        Assert.Equal(expected, output.ToArray());
    }

    [Fact]
    public void Multi_byte_code_pages_are_not_supported()
    {
        Assert.False(SingleByteToUtf8Stream.Supports(Encoding.Unicode));
        Assert.False(SingleByteToUtf8Stream.Supports(Encoding.GetEncoding(932)));
    }
}
