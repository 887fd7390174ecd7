package io.sluice.api.album;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.sluice.api.album.AlbumAdministration.AlbumChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An operator's view and changes of albums, at {@code /admin/albums}: who owns one, hand
 * it over, share it and stop sharing it (ADR 0032). Only a token with the scope
 * {@code sluice:admin} gets here (see the security configuration).
 */
@RestController
@RequestMapping("/admin/albums")
@Tag(name = "albums")
class AlbumAdminController {

	/** The longest owner name accepted: a token subject is rarely a tenth of it. */
	static final int MAX_OWNER_LENGTH = 255;

	private static final Logger log = LoggerFactory.getLogger(AlbumAdminController.class);

	private final AlbumAdministration albums;

	AlbumAdminController(AlbumAdministration albums) {
		this.albums = albums;
	}

	/** Who owns an album and whom it is shared with; 404 if no one owns it. */
	@GetMapping("/{albumId}")
	@Operation(operationId = "getAlbum", summary = "Who owns an album, and whom it is shared with")
	Album album(@PathVariable @AlbumId String albumId) {
		return this.albums.find(albumId(albumId));
	}

	/**
	 * Hands an album over to an owner, or gives an album no one owns to one. The open
	 * jobs for it of owners who may no longer import into it are cancelled and named.
	 */
	@PutMapping(path = "/{albumId}/owner", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "handOverAlbum", summary = "Hand an album over to an owner")
	AlbumChange handOver(@PathVariable @AlbumId String albumId, @RequestBody OwnerChange change,
			Authentication operator) {
		long id = albumId(albumId);
		String owner = owner((change != null) ? change.owner() : null);
		log.info("Operator {} hands album {} over to {}", operator.getName(), id, owner);
		return this.albums.handOver(id, owner);
	}

	/** Lets another owner import into an album; 404 if no one owns it. */
	@PutMapping("/{albumId}/shares/{owner}")
	@Operation(operationId = "shareAlbum", summary = "Let another owner import into an album")
	AlbumChange share(@PathVariable @AlbumId String albumId, @PathVariable @Owner String owner,
			Authentication operator) {
		long id = albumId(albumId);
		String sharedWith = owner(owner);
		log.info("Operator {} shares album {} with {}", operator.getName(), id, sharedWith);
		return this.albums.share(id, sharedWith);
	}

	/**
	 * Stops sharing an album with an owner; that owner's open jobs for it are cancelled
	 * and named. 404 if no one owns it.
	 */
	@DeleteMapping("/{albumId}/shares/{owner}")
	@Operation(operationId = "unshareAlbum", summary = "Stop sharing an album with an owner")
	AlbumChange unshare(@PathVariable @AlbumId String albumId, @PathVariable @Owner String owner,
			Authentication operator) {
		long id = albumId(albumId);
		String unshared = owner(owner);
		log.info("Operator {} stops sharing album {} with {}", operator.getName(), id, unshared);
		return this.albums.unshare(id, unshared);
	}

	/**
	 * Documents an album id in a path; read as text, so that a malformed one is a 400.
	 */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@Parameter(description = "The album, as jobs name it in albumId",
			schema = @Schema(type = "integer", format = "int64", minimum = "1", example = "42"))
	@interface AlbumId {

	}

	/** Documents an owner in a path. */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@Parameter(description = "An owner: a token subject",
			schema = @Schema(type = "string", minLength = 1, maxLength = MAX_OWNER_LENGTH, example = "alice"))
	@interface Owner {

	}

	private static long albumId(String value) {
		try {
			long id = Long.parseLong(value);
			if (id > 0) {
				return id;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new InvalidAlbumRequestException("albumId",
				"must be a whole number from 1 to " + Long.MAX_VALUE + ", as in the jobs' albumId");
	}

	private static String owner(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidAlbumRequestException("owner", "must be a token subject, not blank");
		}
		if (value.length() > MAX_OWNER_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidAlbumRequestException("owner",
					"must be at most " + MAX_OWNER_LENGTH + " characters, none of them a control character");
		}
		return value;
	}

}
