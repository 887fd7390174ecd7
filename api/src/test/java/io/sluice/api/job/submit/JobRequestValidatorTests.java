package io.sluice.api.job.submit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.sluice.api.job.submit.JobRequest.CallbackRequest;
import io.sluice.api.job.submit.JobRequest.PhotoRequest;
import io.sluice.api.web.FieldProblem;
import io.sluice.api.web.Problems;
import io.sluice.common.webhook.CallbackUrlRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class JobRequestValidatorTests {

	private final JobRequestValidator validator = new JobRequestValidator(1_000);

	@Test
	void acceptsAValidRequestWithAndWithoutCaptions() {
		Violations violations = this.validator
			.validate(new JobRequest(42L, List.of(new PhotoRequest("https://cdn.example.com/a.jpg", "A caption"),
					new PhotoRequest("http://cdn.example.com/b.jpg", null))));

		assertThat(violations.isEmpty()).isTrue();
		assertThat(violations.count()).isZero();
	}

	@Test
	void refusesANullBody() {
		assertThat(problems(null))
			.containsExactly(new FieldProblem(null, null, "The request body must be a JSON object."));
	}

	@Test
	void requiresAlbumId() {
		assertThat(problems(new JobRequest(null, photos(1))))
			.containsExactly(FieldProblem.ofField("albumId", "is required"));
	}

	@Test
	void requiresAPositiveAlbumId() {
		assertThat(problems(new JobRequest(0L, photos(1))))
			.containsExactly(FieldProblem.ofField("albumId", "must be a positive integer"));
		assertThat(problems(new JobRequest(-7L, photos(1))))
			.containsExactly(FieldProblem.ofField("albumId", "must be a positive integer"));
	}

	@Test
	void requiresPhotos() {
		assertThat(problems(new JobRequest(1L, null))).containsExactly(FieldProblem.ofField("photos", "is required"));
	}

	@Test
	void requiresAtLeastOnePhoto() {
		assertThat(problems(new JobRequest(1L, List.of())))
			.containsExactly(FieldProblem.ofField("photos", "must hold at least 1 photo"));
	}

	@Test
	void acceptsExactlyMaxPhotos() {
		assertThat(problems(new JobRequest(1L, photos(1_000)))).isEmpty();
	}

	@Test
	void refusesMoreThanMaxPhotos() {
		assertThat(problems(new JobRequest(1L, photos(1_001))))
			.containsExactly(FieldProblem.ofField("photos", "must hold at most 1000 photos (it holds 1001)"));
	}

	@Test
	void namesTheIndexOfANullPhoto() {
		List<PhotoRequest> photos = new ArrayList<>(photos(3));
		photos.set(1, null);

		assertThat(problems(new JobRequest(1L, photos)))
			.containsExactly(new FieldProblem(1, null, "must be a JSON object, not null"));
	}

	@Test
	void requiresAUrl() {
		assertThat(problems(new JobRequest(1L, List.of(photo("https://h/a"), new PhotoRequest(null, "c")))))
			.containsExactly(FieldProblem.ofPhoto(1, "url", "is required"));
	}

	@Test
	void namesIndexAndFieldOfABadUrl() {
		List<FieldProblem> problems = problems(new JobRequest(1L,
				List.of(photo("https://h/a"), photo("https://h/b"), photo("https://h/c"), photo("ftp://h/d"))));

		assertThat(problems).singleElement().satisfies((problem) -> {
			assertThat(problem.index()).isEqualTo(3);
			assertThat(problem.field()).isEqualTo("url");
			assertThat(problem.message()).contains("http or https").contains("ftp");
		});
	}

	@Test
	void acceptsACaptionOf2000FourByteCharacters() {
		String caption = "😀".repeat(2_000);

		assertThat(problems(new JobRequest(1L, List.of(new PhotoRequest("https://h/a", caption))))).isEmpty();
	}

	@Test
	void refusesACaptionOver2000Characters() {
		assertThat(problems(new JobRequest(1L, List.of(new PhotoRequest("https://h/a", "x".repeat(2_001))))))
			.containsExactly(FieldProblem.ofPhoto(0, "caption", "must be at most 2000 characters long (it has 2001)"));
	}

	@Test
	void refusesANulInACaption() {
		assertThat(problems(new JobRequest(1L, List.of(new PhotoRequest("https://h/a", "bad\u0000caption")))))
			.singleElement()
			.satisfies((problem) -> {
				assertThat(problem.index()).isZero();
				assertThat(problem.field()).isEqualTo("caption");
				assertThat(problem.message()).contains("U+0000");
			});
	}

	@Test
	void allowsLineBreaksAndTabsInACaption() {
		assertThat(problems(new JobRequest(1L, List.of(new PhotoRequest("https://h/a", "line one\nline\ttwo\r\n")))))
			.isEmpty();
	}

	@Test
	void refusesAnUnpairedSurrogateInACaption() {
		assertThat(problems(new JobRequest(1L, List.of(new PhotoRequest("https://h/a", "broken \ud83d text")))))
			.singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("unpaired surrogate"));
	}

	@Test
	void reportsEveryBadFieldInRequestOrder() {
		List<FieldProblem> problems = problems(new JobRequest(-1L, List.of(photo("https://h/ok"),
				new PhotoRequest("relative/path", "x".repeat(2_001)), new PhotoRequest(null, null))));

		assertThat(problems).extracting(FieldProblem::index, FieldProblem::field)
			.containsExactly(tuple(null, "albumId"), tuple(1, "url"), tuple(1, "caption"), tuple(2, "url"));
	}

	@Test
	void keepsTheFirstHundredErrorsAndCountsThemAll() {
		List<PhotoRequest> photos = Collections.nCopies(250, photo("not a url"));

		Violations violations = this.validator.validate(new JobRequest(1L, photos));

		assertThat(violations.count()).isEqualTo(250);
		assertThat(violations.first()).hasSize(Problems.MAX_ERRORS);
		assertThat(violations.first().get(99).index()).isEqualTo(99);
	}

	@Test
	void acceptsAnHttpsCallback() {
		assertThat(problems(new JobRequest(1L, photos(1), new CallbackRequest("https://hooks.example.com/sluice"))))
			.isEmpty();
	}

	@Test
	void refusesACallbackToAPrivateAddressOrWithoutUrlNamingCallbackUrl() {
		assertThat(problems(new JobRequest(1L, photos(1), new CallbackRequest("https://169.254.169.254/latest"))))
			.containsExactly(FieldProblem.ofField("callback.url",
					"must not point at a link-local address, where cloud metadata services answer (169.254.169.254)"));
		assertThat(problems(new JobRequest(1L, photos(1), new CallbackRequest(null))))
			.containsExactly(FieldProblem.ofField("callback.url", "is required"));
		assertThat(problems(new JobRequest(0L, photos(1), new CallbackRequest("http://hooks.example.com/"))))
			.containsExactly(FieldProblem.ofField("albumId", "must be a positive integer"),
					FieldProblem.ofField("callback.url", "must use the https scheme, not 'http'"));
	}

	@Test
	void acceptsACallbackToThisMachineOnlyWhenPrivateAddressesAreAllowed() {
		JobRequestValidator local = new JobRequestValidator(1_000, new CallbackUrlRule(true));
		assertThat(local.validate(new JobRequest(1L, photos(1), new CallbackRequest("http://127.0.0.1:9000/hook")))
			.isEmpty()).isTrue();
	}

	private List<FieldProblem> problems(JobRequest request) {
		Violations violations = this.validator.validate(request);
		assertThat(violations.first()).hasSize(violations.count());
		return violations.first();
	}

	private static PhotoRequest photo(String url) {
		return new PhotoRequest(url, null);
	}

	private static List<PhotoRequest> photos(int count) {
		List<PhotoRequest> photos = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			photos.add(new PhotoRequest("https://cdn.example.com/photos/" + i + ".jpg", "Photo " + i));
		}
		return photos;
	}

}
