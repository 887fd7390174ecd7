package io.sluice.api.job.events;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stream slots of this API instance: at most {@code sluice.api.events.max-streams} in
 * all and {@code sluice.api.events.max-streams-per-owner} for any one owner, so that one
 * owner cannot take every slot. An owner with no open stream holds no entry.
 */
final class StreamSlots {

	private final ConcurrentHashMap<String, Integer> byOwner = new ConcurrentHashMap<>();

	private final AtomicInteger taken = new AtomicInteger();

	private final int maxStreams;

	private final int maxPerOwner;

	StreamSlots(int maxStreams, int maxPerOwner) {
		this.maxStreams = maxStreams;
		this.maxPerOwner = maxPerOwner;
	}

	/**
	 * Takes a slot for one of an owner's streams.
	 * @param owner the caller
	 * @throws TooManyOwnerStreamsException if the owner already holds its share (429)
	 * @throws TooManyJobStreamsException if every slot of the instance is taken (503)
	 */
	void take(String owner) {
		boolean[] ownerFull = new boolean[1];
		this.byOwner.compute(owner, (name, held) -> {
			int count = (held != null) ? held : 0;
			if (count >= this.maxPerOwner) {
				ownerFull[0] = true;
				return held;
			}
			return count + 1;
		});
		if (ownerFull[0]) {
			throw new TooManyOwnerStreamsException(this.maxPerOwner);
		}
		if (this.taken.incrementAndGet() > this.maxStreams) {
			this.taken.decrementAndGet();
			release(owner, false);
			throw new TooManyJobStreamsException(this.maxStreams);
		}
	}

	/**
	 * Gives an owner's slot back.
	 * @param owner the stream's owner
	 */
	void release(String owner) {
		release(owner, true);
	}

	/**
	 * How many slots are taken.
	 * @return the count
	 */
	int taken() {
		return this.taken.get();
	}

	/**
	 * How many slots an owner holds.
	 * @param owner the owner
	 * @return the count
	 */
	int heldBy(String owner) {
		return this.byOwner.getOrDefault(owner, 0);
	}

	private void release(String owner, boolean instanceSlot) {
		this.byOwner.computeIfPresent(owner, (name, held) -> (held > 1) ? held - 1 : null);
		if (instanceSlot) {
			this.taken.decrementAndGet();
		}
	}

}
