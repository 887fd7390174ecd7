package io.sluice.api.album;

import java.util.List;

import io.sluice.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An operator's album requests' own failures as problem bodies: an album no one owns
 * (404) and an album id or owner that cannot be one (400, naming the field).
 */
@RestControllerAdvice(assignableTypes = AlbumAdminController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AlbumProblemHandler {

	@ExceptionHandler(AlbumNotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(AlbumNotFoundException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.ALBUM_NOT_FOUND, "Album not found", HttpStatus.NOT_FOUND,
				"No one owns album " + ex.albumId() + ": no job has been submitted for it and no operator has "
						+ "given it to anyone. Give it an owner with PUT /admin/albums/" + ex.albumId() + "/owner.",
				request.getRequestURI());
		problem.setProperty("albumId", ex.albumId());
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
	}

	@ExceptionHandler(InvalidAlbumRequestException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidAlbumRequestException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Problems.INVALID_REQUEST, "Invalid album request", HttpStatus.BAD_REQUEST,
				"The request's " + ex.problem().field() + " " + ex.problem().message() + ". Nothing was changed.",
				request.getRequestURI());
		Problems.withErrors(problem, List.of(ex.problem()), 1);
		return ResponseEntity.badRequest().body(problem);
	}

}
