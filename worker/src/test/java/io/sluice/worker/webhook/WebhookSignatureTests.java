package io.sluice.worker.webhook;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	@Test
	void signsTheTimestampAndTheBodyAsStripeDoes() {
		WebhookSignature signature = new WebhookSignature("whsec-test-0123456789abcdef0123456789");

		// python3: hmac.new(secret, b'1700000000.{"id":"x"}', hashlib.sha256).hexdigest()
		assertThat(signature.sign(1_700_000_000L, "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("t=1700000000,v1=2776f2a884ab09f8ce35202b72609648fc9d8bc3f8286373d50ab4e133f3ab85");
	}

	@Test
	void changesWithTheTimestampTheBodyAndTheSecret() {
		byte[] body = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
		String signed = new WebhookSignature("whsec-test-0123456789abcdef0123456789").sign(1_700_000_000L, body);

		assertThat(new WebhookSignature("whsec-test-0123456789abcdef0123456789").sign(1_700_000_001L, body))
			.isNotEqualTo(signed);
		assertThat(new WebhookSignature("whsec-test-0123456789abcdef0123456789").sign(1_700_000_000L,
				"{\"id\":\"y\"}".getBytes(StandardCharsets.UTF_8)))
			.isNotEqualTo(signed);
		assertThat(new WebhookSignature("whsec-other-0123456789abcdef012345678").sign(1_700_000_000L, body))
			.isNotEqualTo(signed);
	}

}
