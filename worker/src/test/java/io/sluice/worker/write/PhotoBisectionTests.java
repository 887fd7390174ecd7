package io.sluice.worker.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import io.sluice.worker.write.PhotoBisection.Attempted;
import io.sluice.worker.write.PhotoBisection.RejectedPhoto;
import io.sluice.worker.write.PhotoBisection.Result;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhotoBisectionTests {

	private static final int CHUNK = 500;

	/** ceil(log2(500)) */
	private static final int LEVELS = 9;

	@Test
	void writesAChunkWithoutBadPhotosInOneAttempt() {
		FakeDatabase database = new FakeDatabase(Set.of());

		Result result = PhotoBisection.isolate(CHUNK, database);

		assertThat(result).isEqualTo(new Result(CHUNK, List.of(), 1));
	}

	@Test
	void findsOneBadPhotoAnywhereInAtMostTwoAttemptsPerHalving() {
		int total = 0;
		for (int bad = 0; bad < CHUNK; bad++) {
			FakeDatabase database = new FakeDatabase(Set.of(bad));

			Result result = PhotoBisection.isolate(CHUNK, database);

			assertThat(result.rejected()).extracting(RejectedPhoto::offset).containsExactly(bad);
			assertThat(result.rejected().get(0).error().message()).isEqualTo("photo " + bad);
			assertThat(result.inserted()).isEqualTo(CHUNK - 1);
			assertThat(database.writtenOnce()).isTrue();
			assertThat(result.attempts()).isBetween(1 + LEVELS - 1, 1 + 2 * LEVELS);
			total += result.attempts();
		}
		// 1.5 log2(n) on average, plus the whole chunk's attempt
		assertThat(total / (double) CHUNK).isLessThan(1 + 1.5 * LEVELS);
	}

	@Test
	void findsSeveralBadPhotosInAboutTwoLog2NAttemptsEach() {
		for (int run = 0; run < 200; run++) {
			Set<Integer> bad = new TreeSet<>();
			int count = ThreadLocalRandom.current().nextInt(1, 6);
			while (bad.size() < count) {
				bad.add(ThreadLocalRandom.current().nextInt(CHUNK));
			}
			FakeDatabase database = new FakeDatabase(bad);

			Result result = PhotoBisection.isolate(CHUNK, database);

			assertThat(result.rejected()).extracting(RejectedPhoto::offset).containsExactlyElementsOf(bad);
			assertThat(result.rejected())
				.allSatisfy((photo) -> assertThat(photo.error().message()).isEqualTo("photo " + photo.offset()));
			assertThat(result.inserted()).isEqualTo(CHUNK - bad.size());
			assertThat(database.writtenOnce()).isTrue();
			assertThat(result.attempts()).isLessThanOrEqualTo(1 + 2 * LEVELS * bad.size());
		}
	}

	@Test
	void rejectsEveryPhotoOfAChunkThatIsAllBadInTwoNMinusOneAttempts() {
		FakeDatabase database = new FakeDatabase(Set.copyOf(IntStream.range(0, CHUNK).boxed().toList()));

		Result result = PhotoBisection.isolate(CHUNK, database);

		assertThat(result.rejected()).extracting(RejectedPhoto::offset)
			.containsExactlyElementsOf(IntStream.range(0, CHUNK).boxed().toList());
		assertThat(result.inserted()).isZero();
		assertThat(result.attempts()).isEqualTo(2 * CHUNK - 1);
	}

	@Test
	void countsOnlyInsertedRowsSoDuplicatesStayDuplicates() {
		// photos 10-19 are already in the album: the insert skips them
		FakeDatabase database = new FakeDatabase(Set.of(3), IntStream.range(10, 20).boxed().toList());

		Result result = PhotoBisection.isolate(40, database);

		assertThat(result.inserted()).isEqualTo(29);
		assertThat(ChunkCounts.insertedExcept(40, result.inserted(), result.rejected().size()))
			.isEqualTo(new ChunkCounts(40, 29, 10, 1));
	}

	@Test
	void offersNothingForAnEmptyChunk() {
		assertThat(PhotoBisection.isolate(0, new FakeDatabase(Set.of()))).isEqualTo(new Result(0, List.of(), 0));
	}

	/**
	 * Rejects any group that holds a bad photo, with the first bad photo's error, as
	 * PostgreSQL does; skips photos already in the album.
	 */
	private static final class FakeDatabase implements PhotoBisection.Attempt {

		private final Set<Integer> bad;

		private final List<Integer> inAlbum;

		private final List<Integer> written = new ArrayList<>();

		FakeDatabase(Set<Integer> bad) {
			this(bad, List.of());
		}

		FakeDatabase(Set<Integer> bad, List<Integer> inAlbum) {
			this.bad = bad;
			this.inAlbum = inAlbum;
		}

		@Override
		public Attempted write(int from, int to) {
			for (int i = from; i < to; i++) {
				if (this.bad.contains(i)) {
					return new Attempted.Rejected(new DataError("22021", "photo " + i));
				}
			}
			int inserted = 0;
			for (int i = from; i < to; i++) {
				if (!this.inAlbum.contains(i)) {
					this.written.add(i);
					inserted++;
				}
			}
			return new Attempted.Inserted(inserted);
		}

		boolean writtenOnce() {
			return this.written.size() == Set.copyOf(this.written).size();
		}

	}

}
