package io.sluice.common.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Creates the records of one package through method handles prepared once per record
 * type. The package is the one of the {@link MethodHandles.Lookup} given to the
 * constructor, and the handles come from that lookup, so that package-private records can
 * be created too: <pre class="code">
 * JsonMapper.builder().addModule(new RecordCreatorModule(MethodHandles.lookup()))
 * </pre>
 *
 * <p>
 * Jackson 3.1 calls a record's constructor with {@code MethodHandle.invokeWithArguments},
 * which builds a new argument spreader on every call: for a 100,000-photo job that was
 * about a sixth of the API's CPU time and much of its garbage, and the worker pays the
 * same for every chunk it decodes. Everything else (which properties are read, coercion,
 * missing values, error messages) stays Jackson's: only the final constructor call is
 * replaced, and an exception it throws is reported the way Jackson reports it.
 *
 * <p>
 * Not for records of other packages, including sub-packages: they are left to Jackson, as
 * are records whose constructor the lookup cannot access. Register one module per package
 * whose records are read in bulk; modules of different packages can be added to the same
 * mapper.
 */
public final class RecordCreatorModule extends JacksonModule {

	private final MethodHandles.Lookup lookup;

	private final Package recordPackage;

	/**
	 * A module for the records of the package of {@code lookup}'s lookup class.
	 * @param lookup the caller's {@code MethodHandles.lookup()}, or another lookup with
	 * package access
	 * @throws IllegalArgumentException if {@code lookup} has no package access, such as
	 * {@link MethodHandles#publicLookup()}
	 */
	public RecordCreatorModule(MethodHandles.Lookup lookup) {
		if ((lookup.lookupModes() & MethodHandles.Lookup.PACKAGE) == 0) {
			throw new IllegalArgumentException(
					"Lookup " + lookup + " has no package access; pass the caller's MethodHandles.lookup()");
		}
		this.lookup = lookup;
		this.recordPackage = lookup.lookupClass().getPackage();
	}

	@Override
	public String getModuleName() {
		return "sluice-record-creators";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	/**
	 * One registration per package: Jackson keeps only the last module with a given id.
	 */
	@Override
	public Object getRegistrationId() {
		return getClass().getName() + ":" + this.recordPackage.getName();
	}

	@Override
	public void setupModule(SetupContext context) {
		context.addValueInstantiators(new ValueInstantiators() {

			@Override
			public ValueInstantiator findValueInstantiator(DeserializationConfig config,
					BeanDescription.Supplier description) {
				return null;
			}

			@Override
			public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
					BeanDescription.Supplier description, ValueInstantiator instantiator) {
				return modify(description.getBeanClass(), instantiator);
			}

		});
	}

	/**
	 * The instantiator to use for a type: a faster one for a record of this module's
	 * package that Jackson creates through its canonical constructor,
	 * {@code instantiator} otherwise.
	 * @param type the type being deserialized
	 * @param instantiator what Jackson would use
	 * @return the instantiator to use
	 */
	private ValueInstantiator modify(Class<?> type, ValueInstantiator instantiator) {
		if (!type.isRecord() || type.getPackage() != this.recordPackage
				|| instantiator.getClass() != StdValueInstantiator.class || !instantiator.canCreateFromObjectWith()
				|| !(instantiator.getWithArgsCreator() instanceof AnnotatedConstructor constructor)) {
			return instantiator;
		}
		try {
			MethodHandle handle = this.lookup.unreflectConstructor(constructor.getAnnotated());
			MethodHandle spreader = handle.asSpreader(Object[].class, handle.type().parameterCount())
				.asType(MethodType.methodType(Object.class, Object[].class));
			return new PreparedInstantiator((StdValueInstantiator) instantiator, spreader);
		}
		catch (IllegalAccessException ex) {
			return instantiator;
		}
	}

	private static final class PreparedInstantiator extends StdValueInstantiator {

		/** The canonical constructor, taking its arguments as one {@code Object[]}. */
		private final MethodHandle creator;

		PreparedInstantiator(StdValueInstantiator jacksons, MethodHandle creator) {
			super(jacksons);
			this.creator = creator;
		}

		@Override
		public Object createFromObjectWith(DeserializationContext context, Object[] args) {
			try {
				return this.creator.invokeExact(args);
			}
			catch (Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				// as StdValueInstantiator reports a constructor's exception
				return context.handleInstantiationProblem(getValueClass(), args, rewrapCtorProblem(context, ex));
			}
		}

	}

}
