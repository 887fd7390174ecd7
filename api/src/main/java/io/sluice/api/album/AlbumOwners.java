package io.sluice.api.album;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.sluice.api.job.JobRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The statements on {@code album_owner} and {@code album_share} (ADR 0032). An album
 * belongs to the first owner who imports into it, and to whoever an operator hands it
 * over to since; its owner and the owners it is shared with may import into it.
 * <p>
 * Whoever changes an album's owner or shares locks its {@code album_owner} row
 * ({@link #lock}) for its whole transaction, and a submit holds a share lock on it from
 * its check to its commit ({@link #mayImport}): so a job is either recorded before an
 * album changes hands, and is then open when the operator's transaction looks for the
 * jobs to cancel, or checked against the album's new owner and shares.
 */
@Repository
public class AlbumOwners {

	private static final String CLAIM = """
			INSERT INTO album_owner (album_id, owner)
			VALUES (?, ?)
			ON CONFLICT (album_id) DO NOTHING
			RETURNING owner
			""";

	private static final String OWNER_FOR_SHARE = "SELECT owner FROM album_owner WHERE album_id = ? FOR SHARE";

	private static final String OWNER_FOR_UPDATE = "SELECT owner FROM album_owner WHERE album_id = ? FOR UPDATE";

	private static final String SHARED_WITH = """
			SELECT EXISTS (SELECT 1 FROM album_share WHERE album_id = ? AND owner = ?)
			""";

	private static final String FIND = """
			SELECT album_id, owner, claimed_at,
			       ARRAY(SELECT s.owner FROM album_share s WHERE s.album_id = o.album_id ORDER BY s.owner) AS shares
			FROM album_owner o
			WHERE album_id = ?
			""";

	private static final String HAND_OVER = """
			INSERT INTO album_owner (album_id, owner)
			VALUES (?, ?)
			ON CONFLICT (album_id) DO UPDATE SET owner = excluded.owner, claimed_at = clock_timestamp()
			WHERE album_owner.owner <> excluded.owner
			""";

	private static final String SHARE = """
			INSERT INTO album_share (album_id, owner)
			VALUES (?, ?)
			ON CONFLICT (album_id, owner) DO NOTHING
			""";

	private static final String UNSHARE = "DELETE FROM album_share WHERE album_id = ? AND owner = ?";

	private final JdbcTemplate jdbc;

	AlbumOwners(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Decides whether an owner may import into an album, claiming the album for it if no
	 * one owns it yet. Call it inside the transaction that records the job: the claim,
	 * and the share lock that keeps the album from changing hands meanwhile, last until
	 * that transaction ends, and a rollback takes the claim back. Of concurrent first
	 * jobs for a new album, exactly one claims it; the others wait for its commit and are
	 * then checked against its owner (or claim it, if it rolled back). One statement for
	 * an album the caller owns, two or three otherwise.
	 * @param albumId the job's album
	 * @param owner the caller
	 * @return whether the caller owns the album now, or it is shared with the caller
	 */
	public boolean mayImport(long albumId, String owner) {
		Optional<String> current = lockedOwner(albumId);
		if (current.isEmpty()) {
			if (!this.jdbc.queryForList(CLAIM, String.class, albumId, owner).isEmpty()) {
				return true;
			}
			// another job claimed it between our two statements and has committed
			current = lockedOwner(albumId);
		}
		return current.orElseThrow().equals(owner) || sharedWith(albumId, owner);
	}

	/**
	 * Locks an album's row for the rest of the transaction, for a change of its owner or
	 * shares.
	 * @param albumId the album
	 * @return its owner, or empty if no one owns it
	 */
	Optional<String> lock(long albumId) {
		return this.jdbc.queryForList(OWNER_FOR_UPDATE, String.class, albumId).stream().findFirst();
	}

	/**
	 * Reads an album's owner and shares.
	 * @param albumId the album
	 * @return the album, or empty if no one owns it
	 */
	Optional<Album> find(long albumId) {
		return this.jdbc
			.query(FIND, (rs, row) -> new Album(rs.getLong("album_id"), rs.getString("owner"),
					JobRepository.instant(rs, "claimed_at"), List.of((String[]) rs.getArray("shares").getArray())),
					albumId)
			.stream()
			.findFirst();
	}

	/**
	 * Makes an owner the album's owner, the album's first if no one owned it.
	 * @param albumId the album
	 * @param owner the new owner
	 */
	void handOver(long albumId, String owner) {
		this.jdbc.update(HAND_OVER, albumId, owner);
		this.jdbc.update(UNSHARE, albumId, owner);
	}

	/**
	 * Shares an album with an owner, unless it is shared already.
	 * @param albumId an owned album
	 * @param owner who may import into it too
	 */
	void share(long albumId, String owner) {
		this.jdbc.update(SHARE, albumId, owner);
	}

	/**
	 * Stops sharing an album with an owner.
	 * @param albumId the album
	 * @param owner who may no longer import into it
	 */
	void unshare(long albumId, String owner) {
		this.jdbc.update(UNSHARE, albumId, owner);
	}

	private Optional<String> lockedOwner(long albumId) {
		return this.jdbc.queryForList(OWNER_FOR_SHARE, String.class, albumId).stream().findFirst();
	}

	private boolean sharedWith(long albumId, String owner) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(SHARED_WITH, Boolean.class, albumId, owner));
	}

}
