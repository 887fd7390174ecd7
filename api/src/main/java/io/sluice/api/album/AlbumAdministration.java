package io.sluice.api.album;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.sluice.api.job.JobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An operator's changes to an album (ADR 0032): hand it over, share it, stop sharing it.
 * Each is one transaction that locks the album's row first, so no submit checks the album
 * meanwhile, and ends by cancelling the open jobs of owners who may no longer import into
 * it: a job accepted before the change either finishes before it or writes nothing more
 * after it.
 */
@Component
class AlbumAdministration {

	private static final Logger log = LoggerFactory.getLogger(AlbumAdministration.class);

	private final AlbumOwners owners;

	private final JobRepository jobs;

	private final TransactionTemplate transaction;

	AlbumAdministration(AlbumOwners owners, JobRepository jobs, DataSource dataSource) {
		this.owners = owners;
		this.jobs = jobs;
		// on the pool's connections, not on whichever manager the context holds: the
		// producer is transactional, so that may be Kafka's
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	/**
	 * Reads an album.
	 * @param albumId the album
	 * @return the album
	 * @throws AlbumNotFoundException if no one owns it
	 */
	Album find(long albumId) {
		return this.owners.find(albumId).orElseThrow(() -> new AlbumNotFoundException(albumId));
	}

	/**
	 * Makes an owner the album's owner, whether or not anyone owned it, and cancels the
	 * open jobs for it of the owner it had, unless it is shared with them.
	 * @param albumId the album
	 * @param owner the new owner
	 * @return the album, and the jobs cancelled
	 */
	AlbumChange handOver(long albumId, String owner) {
		AlbumChange change = this.transaction.execute((status) -> {
			Optional<String> previous = this.owners.lock(albumId);
			this.owners.handOver(albumId, owner);
			List<UUID> cancelled = cancelBarred(albumId);
			log.info("Album {} handed over from {} to {} by an operator; {} open job(s) cancelled", albumId,
					previous.orElse("no one"), owner, cancelled.size());
			return new AlbumChange(find(albumId), cancelled);
		});
		return change;
	}

	/**
	 * Lets another owner import into an album.
	 * @param albumId the album
	 * @param owner the owner to share it with; sharing with its own owner changes nothing
	 * @return the album
	 * @throws AlbumNotFoundException if no one owns it
	 */
	AlbumChange share(long albumId, String owner) {
		return this.transaction.execute((status) -> {
			String current = this.owners.lock(albumId).orElseThrow(() -> new AlbumNotFoundException(albumId));
			if (!current.equals(owner)) {
				this.owners.share(albumId, owner);
				log.info("Album {} of {} shared with {} by an operator", albumId, current, owner);
			}
			return new AlbumChange(find(albumId), List.of());
		});
	}

	/**
	 * Stops sharing an album with an owner, and cancels that owner's open jobs for it.
	 * @param albumId the album
	 * @param owner the owner to stop sharing it with; not sharing it already changes
	 * nothing
	 * @return the album, and the jobs cancelled
	 * @throws AlbumNotFoundException if no one owns it
	 */
	AlbumChange unshare(long albumId, String owner) {
		return this.transaction.execute((status) -> {
			String current = this.owners.lock(albumId).orElseThrow(() -> new AlbumNotFoundException(albumId));
			this.owners.unshare(albumId, owner);
			List<UUID> cancelled = cancelBarred(albumId);
			log.info("Album {} of {} no longer shared with {} by an operator; {} open job(s) cancelled", albumId,
					current, owner, cancelled.size());
			return new AlbumChange(find(albumId), cancelled);
		});
	}

	private List<UUID> cancelBarred(long albumId) {
		return this.jobs.cancelBarredFromAlbum(albumId, "Cancelled by an operator: album " + albumId
				+ " changed hands and this job's owner may no longer import into it.");
	}

	/**
	 * The outcome of an operator's change.
	 *
	 * @param album the album as it is now
	 * @param cancelledJobs the open jobs cancelled because their owners may no longer
	 * import into it
	 */
	@Schema(description = "The outcome of an operator's change")
	record AlbumChange(
			@Schema(description = "The album as it is now", requiredMode = Schema.RequiredMode.REQUIRED) Album album,
			@Schema(description = "The open jobs cancelled because their owners may no longer import into the album",
					requiredMode = Schema.RequiredMode.REQUIRED) List<UUID> cancelledJobs) {

	}

}
