package io.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.sluice.common.db.PhotoCopyText;
import io.sluice.common.db.UrlHash;

/**
 * The practical upper limit: one {@code COPY ... FROM STDIN} stream of all the photos on
 * one connection, in one transaction. No conflict handling, no round trips per batch:
 * nothing a safe, retrying importer can do is cheaper per row.
 */
final class CopyCeiling implements Variant {

	private static final int FLUSH_BYTES = 256 * 1024;

	private final BenchDatabase database;

	CopyCeiling(BenchDatabase database) {
		this.database = database;
	}

	@Override
	public String name() {
		return "ceiling";
	}

	@Override
	public String connectionPattern() {
		return "bench-ceiling";
	}

	@Override
	public RunOutcome run(PhotoSet photos, Object prepared, AtomicLong done) throws Exception {
		try (Connection connection = this.database.connect("bench-ceiling")) {
			long start = System.nanoTime();
			CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(PhotoCopyText.COPY);
			try {
				PhotoCopyText rows = new PhotoCopyText(FLUSH_BYTES + 4096);
				byte[] album = PhotoCopyText.ascii(Long.toString(photos.albumId()));
				byte[] job = PhotoCopyText.ascii(photos.jobId().toString());
				for (int i = 0; i < photos.count(); i++) {
					byte[] url = photos.url(i).getBytes(StandardCharsets.UTF_8);
					rows.appendRow(album, UrlHash.ofUtf8(url), url, photos.caption(i), job);
					if (rows.length() >= FLUSH_BYTES) {
						write(copy, rows);
						done.set(i + 1);
					}
				}
				write(copy, rows);
				long copied = copy.endCopy();
				if (copied != photos.count()) {
					throw new BenchmarkFailure("COPY wrote " + copied + " rows, not " + photos.count());
				}
			}
			finally {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
			done.set(photos.count());
			return RunOutcome.clean(System.nanoTime() - start);
		}
	}

	private static void write(CopyIn copy, PhotoCopyText rows) throws java.sql.SQLException {
		copy.writeToCopy(rows.buffer(), 0, rows.length());
		rows.clear();
	}

}
