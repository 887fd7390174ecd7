package io.sluice.api.limit;

import io.sluice.api.limit.BodyAdmission.Refusal;
import io.sluice.api.limit.BodyAdmission.Ticket;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BodyAdmissionTests {

	private static final long MIB = 1024 * 1024;

	/**
	 * Large above 1 MiB, 2 large per owner, 100 MiB in all, 32 MiB for an unknown length.
	 */
	private final BodyAdmission admission = new BodyAdmission(MIB, 2, 100 * MIB, 32 * MIB);

	@Test
	void admitsAnOwnersLargeBodiesUpToItsShareAndOthersStill() {
		Ticket first = this.admission.admit("alice", 32 * MIB);
		Ticket second = this.admission.admit("alice", 20 * MIB);

		assertThat(this.admission.admit("alice", 2 * MIB).refusal()).isEqualTo(Refusal.OWNER_LARGE_BODIES);
		assertThat(this.admission.admit("alice", MIB).refusal()).as("at the threshold a body is not large").isNull();
		assertThat(this.admission.admit("bob", 32 * MIB).refusal()).isNull();
		assertThat(first.refusal()).isNull();
		assertThat(second.refusal()).isNull();
		assertThat(this.admission.largeBodiesOf("alice")).isEqualTo(2);

		first.release();
		first.release();
		assertThat(this.admission.largeBodiesOf("alice")).as("released once only").isEqualTo(1);
		assertThat(this.admission.admit("alice", 32 * MIB).refusal()).isNull();
	}

	@Test
	void countsABodyWithoutLengthAsLargeAndAsTheLargestBody() {
		Ticket chunked = this.admission.admit("alice", -1);

		assertThat(this.admission.bytesInFlight()).isEqualTo(32 * MIB);
		assertThat(this.admission.largeBodiesOf("alice")).isEqualTo(1);
		chunked.release();
		assertThat(this.admission.bytesInFlight()).isZero();
		assertThat(this.admission.largeBodiesOf("alice")).isZero();
	}

	@Test
	void refusesWhatWouldTakeTheInstancePastItsBytesAndGivesTheOwnersShareBack() {
		this.admission.admit("alice", 32 * MIB);
		this.admission.admit("bob", 32 * MIB);
		this.admission.admit("carol", 32 * MIB);

		Ticket refused = this.admission.admit("dave", 5 * MIB);

		assertThat(refused.refusal()).isEqualTo(Refusal.INSTANCE_BYTES);
		assertThat(this.admission.largeBodiesOf("dave")).as("a refused body holds no share").isZero();
		assertThat(this.admission.bytesInFlight()).isEqualTo(96 * MIB);
		refused.release();
		assertThat(this.admission.bytesInFlight()).as("releasing a refusal changes nothing").isEqualTo(96 * MIB);
		assertThat(this.admission.admit("dave", 4 * MIB).refusal()).isNull();
	}

	@Test
	void capsBodyBytesAtAQuarterOfTheHeapUnlessSet() {
		LimitsProperties derived = limits(null);
		LimitsProperties set = limits(DataSize.ofMegabytes(64));

		assertThat(derived.bodyBytesInFlightCap(32 * MIB, 1024 * MIB)).isEqualTo(256 * MIB);
		assertThat(derived.bodyBytesInFlightCap(32 * MIB, 64 * MIB)).as("never below the largest body")
			.isEqualTo(32 * MIB);
		assertThat(set.bodyBytesInFlightCap(32 * MIB, 1024 * MIB)).isEqualTo(64 * MIB);
		assertThatIllegalArgumentException().isThrownBy(() -> set.bodyBytesInFlightCap(65 * MIB, 1024 * MIB))
			.withMessageContaining("sluice.api.limits.max-body-bytes-in-flight")
			.withMessageContaining("sluice.api.jobs.max-body-size");
	}

	private static LimitsProperties limits(DataSize maxBodyBytesInFlight) {
		return new LimitsProperties(300_000, 5_000, 50, 100, DataSize.ofMegabytes(1), 2, maxBodyBytesInFlight);
	}

}
