package io.sluice.worker.write;

import javax.sql.DataSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import io.sluice.common.chunk.PhotoChunk;
import io.sluice.worker.write.ChunkLedger.Claim;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes one chunk in one transaction on one connection: claim the chunk's ledger row,
 * insert its photos in one statement, record its counts, move the job's counters and
 * status last. Idempotent: a chunk written before changes nothing, so redelivery and
 * replay are safe. {@link #writeAll} does the same for many chunks in one transaction,
 * for the common case where nothing goes wrong.
 *
 * <p>
 * Does not retry, classify failures or report: callers decide what a failure means. Do
 * not call it inside another transaction; each call must commit on its own.
 */
@Component
public class ChunkWriter {

	private final ChunkTransaction transaction;

	private final ChunkLedger ledger;

	private final PhotoCopy copy;

	private final PhotoRows photos;

	private final JobProgress progress;

	ChunkWriter(DataSource dataSource, JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.transaction = ChunkTransaction.on(dataSource);
		this.ledger = new ChunkLedger(jdbc);
		this.copy = new PhotoCopy(jdbcTemplate);
		this.photos = new PhotoRows(jdbc);
		this.progress = new JobProgress(jdbc);
	}

	/**
	 * Writes a chunk, unless it was written before or its job was cancelled.
	 * @param chunk a decoded, valid chunk
	 * @return what happened
	 * @throws UnknownJobException if the chunk's job does not exist
	 * @throws org.springframework.dao.DataAccessException if the database fails; nothing
	 * was committed
	 */
	public ChunkOutcome write(PhotoChunk chunk) {
		try {
			return this.transaction.run(() -> writeInTransaction(chunk, PhotoPath.COPY));
		}
		catch (DuplicateKeyException ex) {
			// Some photo is already in the album: COPY cannot skip it, so the whole
			// transaction (claim included) rolled back. Write the chunk again, skipping
			// duplicates.
			return this.transaction.run(() -> writeInTransaction(chunk, PhotoPath.INSERT_SKIPPING_DUPLICATES));
		}
	}

	/**
	 * Writes many chunks in one transaction: one claim for all of them, one {@code COPY}
	 * of every claimed chunk's photos, one update per job. All or nothing: if any chunk's
	 * job does not exist, any photo is already in its album, or the database fails,
	 * nothing is committed, and the caller should write the chunks one at a time with
	 * {@link #write}, which tells those cases apart. A chunk that appears twice is
	 * written once; its repetition is {@link ChunkOutcome.AlreadyDone}.
	 * @param chunks decoded, valid chunks
	 * @return each chunk's outcome, in the order given
	 * @throws UnknownJobException if some chunk's job does not exist
	 * @throws org.springframework.dao.DataAccessException if the database fails or some
	 * photo is already in its album; nothing was committed
	 */
	public List<ChunkOutcome> writeAll(List<PhotoChunk> chunks) {
		return this.transaction.run(() -> writeAllInTransaction(chunks));
	}

	private List<ChunkOutcome> writeAllInTransaction(List<PhotoChunk> chunks) {
		// A chunk that appears again keeps no claim: it is already done by its first copy
		Claim[] claimAt = new Claim[chunks.size()];
		List<Integer> firstAt = new ArrayList<>(chunks.size());
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < chunks.size(); i++) {
			if (keys.add(chunks.get(i).key())) {
				firstAt.add(i);
			}
		}
		List<Claim> claims = this.ledger.claimAllWritten(firstAt.stream().map(chunks::get).toList());
		List<PhotoChunk> claimed = new ArrayList<>();
		SortedMap<UUID, JobDelta> deltas = new TreeMap<>();
		for (int offered = 0; offered < firstAt.size(); offered++) {
			int i = firstAt.get(offered);
			PhotoChunk chunk = chunks.get(i);
			claimAt[i] = claims.get(offered);
			if (claimAt[i] == Claim.UNKNOWN_JOB) {
				throw new UnknownJobException(chunk.jobId(), chunk.chunkIndex());
			}
			if (claimAt[i] == Claim.CLAIMED) {
				claimed.add(chunk);
				deltas.computeIfAbsent(chunk.jobId(), (job) -> new JobDelta()).add(allWritten(chunk));
			}
		}
		if (!claimed.isEmpty()) {
			this.copy.copy(claimed);
		}
		// Job rows last and in id order: two batches that share jobs lock them in the
		// same order.
		Map<UUID, JobSnapshot> jobs = new HashMap<>();
		deltas.forEach((job, delta) -> jobs.put(job, this.progress.advance(job, delta.chunks, delta.counts)));
		List<ChunkOutcome> outcomes = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			Claim claim = (claimAt[i] != null) ? claimAt[i] : Claim.ALREADY_DONE;
			outcomes.add(switch (claim) {
				case CLAIMED -> new ChunkOutcome.Written(allWritten(chunks.get(i)), jobs.get(chunks.get(i).jobId()));
				case SKIPPED_CANCELLED -> new ChunkOutcome.SkippedCancelled();
				case ALREADY_DONE, UNKNOWN_JOB -> new ChunkOutcome.AlreadyDone();
			});
		}
		return outcomes;
	}

	private static ChunkCounts allWritten(PhotoChunk chunk) {
		return ChunkCounts.inserted(chunk.photos().size(), chunk.photos().size());
	}

	private ChunkOutcome writeInTransaction(PhotoChunk chunk, PhotoPath path) {
		return switch (this.ledger.claim(chunk)) {
			case UNKNOWN_JOB -> throw new UnknownJobException(chunk.jobId(), chunk.chunkIndex());
			case ALREADY_DONE -> new ChunkOutcome.AlreadyDone();
			case SKIPPED_CANCELLED -> new ChunkOutcome.SkippedCancelled();
			case CLAIMED -> writePhotos(chunk, path);
		};
	}

	private ChunkOutcome writePhotos(PhotoChunk chunk, PhotoPath path) {
		int inserted = switch (path) {
			case COPY -> this.copy.copy(chunk);
			case INSERT_SKIPPING_DUPLICATES -> this.photos.insert(chunk);
		};
		ChunkCounts counts = ChunkCounts.inserted(chunk.photos().size(), inserted);
		this.ledger.recordCounts(chunk, counts);
		return new ChunkOutcome.Written(counts, this.progress.advance(chunk.jobId(), counts));
	}

	/** What one batch adds to one job. */
	private static final class JobDelta {

		private int chunks;

		private ChunkCounts counts = ChunkCounts.NONE;

		void add(ChunkCounts chunk) {
			this.chunks++;
			this.counts = this.counts.plus(chunk);
		}

	}

	/**
	 * How a chunk's photos go in: {@code COPY} first (the fast path, for photos new to
	 * the album), an insert that skips duplicates when {@code COPY} meets one.
	 */
	private enum PhotoPath {

		COPY, INSERT_SKIPPING_DUPLICATES

	}

}
