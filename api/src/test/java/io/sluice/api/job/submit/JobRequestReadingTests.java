package io.sluice.api.job.submit;

import io.sluice.api.job.submit.JobRequest.CallbackRequest;
import io.sluice.api.job.submit.JobRequest.PhotoRequest;
import io.sluice.common.json.RecordCreatorModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job request's records are created through prepared handles: the module is given a
 * lookup of their package. How the module reads and fails is tested in {@code common}.
 */
class JobRequestReadingTests {

	@ParameterizedTest
	@ValueSource(classes = { JobRequest.class, PhotoRequest.class, CallbackRequest.class })
	void createsTheRequestsRecordsThroughPreparedHandles(Class<?> type) {
		JsonMapper.Builder builder = JsonMapper.builder();
		new JobSubmitConfiguration().preparedRecordCreators().customize(builder);

		assertThat(creatorOf(JsonMapper.builder().build(), type)).isNotEqualTo(RecordCreatorModule.class);
		assertThat(creatorOf(builder.build(), type)).isEqualTo(RecordCreatorModule.class);
	}

	/**
	 * The class that declares the instantiator {@code mapper} creates {@code type} with.
	 */
	private static Class<?> creatorOf(JsonMapper mapper, Class<?> type) {
		ValueInstantiator instantiator = ((ValueInstantiator.Gettable) mapper._deserializationContext()
			.findRootValueDeserializer(mapper.constructType(type))).getValueInstantiator();
		Class<?> declaring = instantiator.getClass().getEnclosingClass();
		return (declaring != null) ? declaring : instantiator.getClass();
	}

}
