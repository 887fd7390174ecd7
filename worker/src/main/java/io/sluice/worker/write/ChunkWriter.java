package io.sluice.worker.write;

import javax.sql.DataSource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.sluice.common.chunk.PhotoChunk;
import io.sluice.common.job.JobStatus;
import io.sluice.worker.write.ChunkLedger.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes one chunk in one transaction on one connection: claim the chunk's ledger row,
 * insert its photos in one statement, record its counts in the ledger row. The job's row
 * is not touched: after the commit, a roll-up moves its counters and status from the
 * ledger ({@link JobRollup}, ADR 0036), so the transactions writing one job never wait
 * for each other. Idempotent: a chunk written before changes nothing, so redelivery and
 * replay are safe. {@link #writeAll} does the same for many chunks in one transaction,
 * for the common case where nothing goes wrong.
 *
 * <p>
 * When the database rejects some of a chunk's photos for their data (a
 * {@link DataError}), {@link #write} writes the chunk once more, bisecting it into
 * groups, each in its own savepoint, so that the good photos are written and only the bad
 * ones are recorded as failed (ADR 0015). That is the only failure it handles: it does
 * not retry, classify other failures or report; callers decide what they mean. Do not
 * call it inside another transaction; each call must commit on its own.
 */
@Component
public class ChunkWriter {

	private static final Logger log = LoggerFactory.getLogger(ChunkWriter.class);

	private final ChunkTransaction transaction;

	private final ChunkLedger ledger;

	private final PhotoCopy copy;

	private final PhotoRows photos;

	private final JobRollup rollup;

	private final PhotoGroups groups;

	private final RejectedPhotos rejectedPhotos;

	@Autowired
	ChunkWriter(DataSource dataSource, JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this(dataSource, jdbc, jdbcTemplate, new JobRollup(jdbc));
	}

	ChunkWriter(DataSource dataSource, JdbcClient jdbc, JdbcTemplate jdbcTemplate, JobRollup rollup) {
		this.transaction = ChunkTransaction.on(dataSource);
		this.ledger = new ChunkLedger(jdbc);
		this.copy = new PhotoCopy(jdbcTemplate);
		this.photos = new PhotoRows(jdbc);
		this.rollup = rollup;
		this.groups = new PhotoGroups(jdbc, this.photos);
		this.rejectedPhotos = new RejectedPhotos(jdbc);
	}

	/**
	 * Writes a chunk, unless it was written before or its job was cancelled or failed
	 * without it. Photos the database rejects for their data are recorded in
	 * {@code failed_photo} and counted failed; the others are written.
	 * @param chunk a decoded, valid chunk
	 * @return what happened
	 * @throws UnknownJobException if the chunk's job does not exist
	 * @throws ForeignChunkException if the chunk does not belong to the job it names;
	 * nothing was committed
	 * @throws JobRollupException if the chunk was committed but its job could not be
	 * rolled up, for a reason no retry can fix
	 * @throws org.springframework.dao.DataAccessException if the database fails other
	 * than by rejecting photos; nothing was committed
	 */
	public ChunkOutcome write(PhotoChunk chunk) {
		ChunkOutcome outcome = writeCommitted(chunk);
		if (outcome instanceof ChunkOutcome.Skipped) {
			return outcome;
		}
		JobSnapshot job = rollUp(List.of(chunk.jobId()), List.of(outcome)).get(chunk.jobId());
		return (outcome instanceof ChunkOutcome.Written written) ? written.after(job) : outcome;
	}

	private ChunkOutcome writeCommitted(PhotoChunk chunk) {
		try {
			try {
				return write(chunk, PhotoPath.COPY);
			}
			catch (DuplicateKeyException ex) {
				// Some photo is already in the album: COPY cannot skip it, so the whole
				// transaction (claim included) rolled back. Write the chunk again,
				// skipping duplicates.
				return write(chunk, PhotoPath.INSERT_SKIPPING_DUPLICATES);
			}
		}
		catch (RuntimeException ex) {
			DataError error = DataError.of(ex).orElseThrow(() -> ex);
			log.warn("Chunk {} of job {} has photos the database rejects ({}); bisecting it", chunk.chunkIndex(),
					chunk.jobId(), error.reason());
			return write(chunk, PhotoPath.BISECT);
		}
	}

	private ChunkOutcome write(PhotoChunk chunk, PhotoPath path) {
		return this.transaction.run(() -> writeInTransaction(chunk, path));
	}

	/**
	 * Writes many chunks in one transaction: one claim for all of them, one {@code COPY}
	 * of every claimed chunk's photos, one update per job. All or nothing: if any chunk's
	 * job does not exist, any chunk does not belong to its job, any photo is already in
	 * its album, or the database fails, nothing is committed, and the caller should write
	 * the chunks one at a time with {@link #write}, which tells those cases apart. A
	 * chunk that appears twice is written once; its repetition is
	 * {@link ChunkOutcome.AlreadyDone}.
	 * @param chunks decoded, valid chunks
	 * @return each chunk's outcome, in the order given
	 * @throws UnknownJobException if some chunk's job does not exist
	 * @throws ForeignChunkException if some chunk does not belong to the job it names
	 * @throws JobRollupException if the chunks were committed but their jobs could not be
	 * rolled up, for a reason no retry can fix
	 * @throws org.springframework.dao.DataAccessException if the database fails or some
	 * photo is already in its album; nothing was committed
	 */
	public List<ChunkOutcome> writeAll(List<PhotoChunk> chunks) {
		List<ChunkOutcome> outcomes = this.transaction.run(() -> writeAllInTransaction(chunks));
		Set<UUID> landed = new HashSet<>();
		for (int i = 0; i < chunks.size(); i++) {
			if (!(outcomes.get(i) instanceof ChunkOutcome.Skipped)) {
				landed.add(chunks.get(i).jobId());
			}
		}
		Map<UUID, JobSnapshot> jobs = rollUp(landed, outcomes);
		List<ChunkOutcome> rolledUp = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			rolledUp.add((outcomes.get(i) instanceof ChunkOutcome.Written written)
					? written.after(jobs.get(chunks.get(i).jobId())) : outcomes.get(i));
		}
		return rolledUp;
	}

	/**
	 * Rolls the jobs of committed chunks up.
	 * @throws JobRollupException if that failed for a reason no retry can fix
	 */
	private Map<UUID, JobSnapshot> rollUp(Collection<UUID> jobIds, List<ChunkOutcome> committed) {
		try {
			return this.rollup.rollUp(jobIds);
		}
		catch (DataAccessException ex) {
			throw new JobRollupException(committed, ex);
		}
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
		for (int offered = 0; offered < firstAt.size(); offered++) {
			int i = firstAt.get(offered);
			PhotoChunk chunk = chunks.get(i);
			claimAt[i] = claims.get(offered);
			if (claimAt[i] == Claim.UNKNOWN_JOB) {
				throw new UnknownJobException(chunk.jobId(), chunk.chunkIndex());
			}
			if (claimAt[i] == Claim.CLAIMED) {
				claimed.add(chunk);
			}
		}
		if (!claimed.isEmpty()) {
			this.copy.copy(claimed);
		}
		List<ChunkOutcome> outcomes = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			Claim claim = (claimAt[i] != null) ? claimAt[i] : Claim.ALREADY_DONE;
			outcomes.add(switch (claim) {
				case CLAIMED -> new ChunkOutcome.Written(allWritten(chunks.get(i)), Optional.empty());
				case SKIPPED_CANCELLED -> new ChunkOutcome.Skipped(JobStatus.CANCELLED);
				case SKIPPED_FAILED -> new ChunkOutcome.Skipped(JobStatus.FAILED);
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
			case SKIPPED_CANCELLED -> new ChunkOutcome.Skipped(JobStatus.CANCELLED);
			case SKIPPED_FAILED -> new ChunkOutcome.Skipped(JobStatus.FAILED);
			case CLAIMED -> writePhotos(chunk, path);
		};
	}

	private ChunkOutcome writePhotos(PhotoChunk chunk, PhotoPath path) {
		int offered = chunk.photos().size();
		ChunkCounts counts = switch (path) {
			case COPY -> ChunkCounts.inserted(offered, this.copy.copy(chunk));
			case INSERT_SKIPPING_DUPLICATES -> ChunkCounts.inserted(offered, this.photos.insert(chunk));
			case BISECT -> bisect(chunk);
		};
		this.ledger.recordCounts(chunk, counts);
		return new ChunkOutcome.Written(counts, Optional.empty());
	}

	private ChunkCounts bisect(PhotoChunk chunk) {
		PhotoBisection.Result result = PhotoBisection.isolate(chunk.photos().size(), this.groups.of(chunk));
		if (!result.rejected().isEmpty()) {
			this.rejectedPhotos.record(chunk, result.rejected());
		}
		log.info("Chunk {} of job {} bisected: {} photo(s) rejected, {} written, in {} attempts", chunk.chunkIndex(),
				chunk.jobId(), result.rejected().size(), result.inserted(), result.attempts());
		return ChunkCounts.insertedExcept(chunk.photos().size(), result.inserted(), result.rejected().size());
	}

	/**
	 * How a chunk's photos go in: {@code COPY} first (the fast path, for photos new to
	 * the album), an insert that skips duplicates when {@code COPY} meets one, and
	 * inserts of ever smaller groups when either meets a photo the database rejects.
	 */
	private enum PhotoPath {

		COPY, INSERT_SKIPPING_DUPLICATES, BISECT

	}

}
