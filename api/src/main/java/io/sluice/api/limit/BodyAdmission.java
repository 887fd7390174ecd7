package io.sluice.api.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, from its declared size alone, whether a request body may be received now: at
 * most {@code maxLargePerOwner} large bodies per owner and at most {@code maxBytes} body
 * bytes in all on this API instance. A body without a declared length counts as large and
 * as the largest body accepted, since it may grow to that. Every admitted body holds a
 * {@link Ticket} until its request ends.
 */
final class BodyAdmission {

	/** Why a body was refused. */
	enum Refusal {

		/** The owner already has its share of large bodies in flight (429). */
		OWNER_LARGE_BODIES,

		/** The instance already receives as many body bytes as it may (503). */
		INSTANCE_BYTES

	}

	private final ConcurrentHashMap<String, Integer> largeByOwner = new ConcurrentHashMap<>();

	private final AtomicLong bytesInFlight = new AtomicLong();

	private final long largeThresholdBytes;

	private final int maxLargePerOwner;

	private final long maxBytes;

	private final long unknownLengthBytes;

	/**
	 * An admission.
	 * @param largeThresholdBytes bodies above this are large
	 * @param maxLargePerOwner large bodies one owner may have in flight
	 * @param maxBytes body bytes the instance may have in flight
	 * @param unknownLengthBytes what a body without a declared length counts as
	 */
	BodyAdmission(long largeThresholdBytes, int maxLargePerOwner, long maxBytes, long unknownLengthBytes) {
		this.largeThresholdBytes = largeThresholdBytes;
		this.maxLargePerOwner = maxLargePerOwner;
		this.maxBytes = maxBytes;
		this.unknownLengthBytes = unknownLengthBytes;
	}

	/**
	 * Admits a body or says why not.
	 * @param owner the caller
	 * @param declaredBytes its {@code Content-Length}, or -1 if it sent none
	 * @return a ticket to release when the request ends, whose {@link Ticket#refusal()}
	 * says why the body was refused, if it was
	 */
	Ticket admit(String owner, long declaredBytes) {
		boolean large = declaredBytes < 0 || declaredBytes > this.largeThresholdBytes;
		long bytes = (declaredBytes < 0) ? this.unknownLengthBytes : declaredBytes;
		if (large && !takeLarge(owner)) {
			return new Ticket(Refusal.OWNER_LARGE_BODIES);
		}
		if (this.bytesInFlight.addAndGet(bytes) > this.maxBytes) {
			this.bytesInFlight.addAndGet(-bytes);
			if (large) {
				releaseLarge(owner);
			}
			return new Ticket(Refusal.INSTANCE_BYTES);
		}
		return new Ticket(owner, bytes, large);
	}

	/**
	 * Body bytes being received now.
	 * @return the bytes
	 */
	long bytesInFlight() {
		return this.bytesInFlight.get();
	}

	/**
	 * Large bodies of an owner being received now.
	 * @param owner the owner
	 * @return the count
	 */
	int largeBodiesOf(String owner) {
		return this.largeByOwner.getOrDefault(owner, 0);
	}

	long maxBytes() {
		return this.maxBytes;
	}

	int maxLargePerOwner() {
		return this.maxLargePerOwner;
	}

	long largeThresholdBytes() {
		return this.largeThresholdBytes;
	}

	private boolean takeLarge(String owner) {
		boolean[] taken = new boolean[1];
		this.largeByOwner.compute(owner, (name, held) -> {
			int count = (held != null) ? held : 0;
			taken[0] = count < this.maxLargePerOwner;
			return taken[0] ? count + 1 : held;
		});
		return taken[0];
	}

	private void releaseLarge(String owner) {
		this.largeByOwner.computeIfPresent(owner, (name, held) -> (held > 1) ? held - 1 : null);
	}

	/**
	 * An admitted body's share, released once whatever happens to the request; or a
	 * refusal, which holds nothing.
	 */
	final class Ticket {

		private final String owner;

		private final long bytes;

		private final boolean large;

		private final Refusal refusal;

		private final AtomicBoolean released = new AtomicBoolean();

		private Ticket(String owner, long bytes, boolean large) {
			this.owner = owner;
			this.bytes = bytes;
			this.large = large;
			this.refusal = null;
		}

		private Ticket(Refusal refusal) {
			this.owner = null;
			this.bytes = 0;
			this.large = false;
			this.refusal = refusal;
			this.released.set(true);
		}

		/**
		 * Why the body was refused.
		 * @return the reason, or {@code null} if it was admitted
		 */
		Refusal refusal() {
			return this.refusal;
		}

		/** Gives the body's share back; does nothing the second time. */
		void release() {
			if (this.released.compareAndSet(false, true)) {
				BodyAdmission.this.bytesInFlight.addAndGet(-this.bytes);
				if (this.large) {
					releaseLarge(this.owner);
				}
			}
		}

	}

}
