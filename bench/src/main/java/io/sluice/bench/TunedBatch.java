package io.sluice.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.sluice.common.db.UrlHash;

/**
 * What a hand-tuned synchronous endpoint would do: JDBC batches of {@value #BATCH_SIZE}
 * {@code INSERT ... ON CONFLICT DO NOTHING} statements, rewritten by the driver into
 * multi-row inserts ({@code reWriteBatchedInserts}), on {@value #CONNECTIONS} connections
 * in parallel, each batch its own transaction.
 */
final class TunedBatch implements Variant {

	static final int BATCH_SIZE = 1000;

	static final int CONNECTIONS = 4;

	private static final String INSERT = """
			INSERT INTO photo (album_id, url_hash, url, caption, job_id) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (album_id, url_hash) DO NOTHING
			""";

	private final BenchDatabase database;

	TunedBatch(BenchDatabase database) {
		this.database = database;
	}

	@Override
	public String name() {
		return "tuned-batch";
	}

	@Override
	public String connectionPattern() {
		return "bench-tuned-batch";
	}

	@Override
	public RunOutcome run(PhotoSet photos, Object prepared, AtomicLong done) throws Exception {
		List<Connection> connections = new ArrayList<>();
		ExecutorService writers = Executors.newFixedThreadPool(CONNECTIONS);
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				Connection connection = this.database.connect("bench-tuned-batch",
						Map.of("reWriteBatchedInserts", "true"));
				connection.setAutoCommit(false);
				connections.add(connection);
			}
			int batches = (photos.count() + BATCH_SIZE - 1) / BATCH_SIZE;
			AtomicInteger next = new AtomicInteger();
			long start = System.nanoTime();
			List<Future<?>> running = new ArrayList<>();
			for (Connection connection : connections) {
				running.add(writers.submit(() -> {
					try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
						for (int batch = next.getAndIncrement(); batch < batches; batch = next.getAndIncrement()) {
							int from = batch * BATCH_SIZE;
							int to = Math.min(photos.count(), from + BATCH_SIZE);
							for (int i = from; i < to; i++) {
								String url = photos.url(i);
								insert.setLong(1, photos.albumId());
								insert.setObject(2, UrlHash.of(url));
								insert.setString(3, url);
								insert.setString(4, photos.caption(i));
								insert.setObject(5, photos.jobId());
								insert.addBatch();
							}
							insert.executeBatch();
							connection.commit();
							done.addAndGet(to - from);
						}
					}
					return null;
				}));
			}
			for (Future<?> writer : running) {
				writer.get();
			}
			return RunOutcome.clean(System.nanoTime() - start);
		}
		finally {
			writers.shutdownNow();
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

}
