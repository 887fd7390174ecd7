package io.sluice.worker.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Sluice-Signature} header of a delivery, in Stripe's manner:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, keyed with
 * {@code sluice.webhook.secret}. The timestamp is signed with the body, so a receiver
 * that refuses old timestamps (five minutes is usual) also refuses a captured delivery
 * sent again; the delivery id ({@code Sluice-Delivery}) lets it drop one it already took.
 */
final class WebhookSignature {

	static final String HEADER = "Sluice-Signature";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	WebhookSignature(String secret) {
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * Signs a body at a moment.
	 * @param epochSeconds the moment, in seconds since the epoch
	 * @param body the exact bytes sent
	 * @return the header's value
	 */
	String sign(long epochSeconds, byte[] body) {
		Mac mac = mac();
		mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
		mac.update(body);
		return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal());
	}

	private Mac mac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Every Java platform has " + ALGORITHM, ex);
		}
	}

}
