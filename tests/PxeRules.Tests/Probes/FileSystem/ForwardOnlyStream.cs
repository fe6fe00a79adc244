using System;
using System.IO;

namespace PxeRules.Tests.Probes.FileSystem;

/// <summary>A stream that cannot seek and hands out a few bytes per read, as a network or pipe stream may.</summary>
internal sealed class ForwardOnlyStream : Stream
{
    private readonly MemoryStream inner;

    public ForwardOnlyStream(byte[] bytes) => inner = new MemoryStream(bytes);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 13));

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
