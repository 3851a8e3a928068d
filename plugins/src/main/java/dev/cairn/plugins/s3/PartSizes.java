package dev.cairn.plugins.s3;

/**
 * How large each part of a multipart upload is: the first {@code firstPartBytes}, doubling every
 * tenth of {@code maxParts} (every part when there are fewer than ten), never above S3's 5 GiB part
 * limit.
 *
 * <p>The default (8 MiB, 10,000 parts) starts small so that memory stays low for the usual
 * archive, and still reaches S3's 5 TiB object limit: 1,000 parts each of 8, 16, … 4096 MiB hold
 * almost 8 TiB. Memory is bounded by the part size times the parts in flight, so a 100 GiB stream
 * is sent in parts of at most 64 MiB.
 *
 * @param firstPartBytes the size of part 1
 * @param maxParts       the most parts an upload may have (S3 allows 10,000)
 */
record PartSizes(long firstPartBytes, int maxParts) {
    /** The smallest part S3 accepts, but for the last. */
    static final long MIN_PART_BYTES = 5L << 20;
    /** The largest part S3 accepts. */
    static final long MAX_PART_BYTES = 5L << 30;
    /** 8 MiB growing over S3's 10,000 parts. */
    static final PartSizes DEFAULT = new PartSizes(8L << 20, 10_000);

    private static final int DOUBLINGS = 10;

    PartSizes {
        if (firstPartBytes < MIN_PART_BYTES || firstPartBytes > MAX_PART_BYTES) {
            throw new IllegalArgumentException("first part size must be 5 MiB to 5 GiB, got " + firstPartBytes);
        }
        if (maxParts < 1 || maxParts > 10_000) {
            throw new IllegalArgumentException("max parts must be 1 to 10000, got " + maxParts);
        }
    }

    /** The size of part {@code partNumber} (1-based); every part but the last has exactly this size. */
    long sizeOf(int partNumber) {
        if (partNumber < 1 || partNumber > maxParts) {
            throw new IllegalArgumentException("part number must be 1 to " + maxParts + ", got " + partNumber);
        }
        int doublings = (partNumber - 1) / Math.max(1, maxParts / DOUBLINGS);
        return Math.min(firstPartBytes << doublings, MAX_PART_BYTES);
    }

    /** The most bytes an upload can hold: all parts at full size. */
    long capacity() {
        long total = 0;
        for (int part = 1; part <= maxParts; part++) {
            total += sizeOf(part);
        }
        return total;
    }
}
