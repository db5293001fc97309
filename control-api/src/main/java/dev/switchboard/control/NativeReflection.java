package dev.switchboard.control;

import com.twilio.converter.CurrencyDeserializer;
import com.twilio.converter.ISO8601Deserializer;
import com.twilio.converter.ISO8601Serializer;
import com.twilio.converter.LocalDateDeserializer;
import com.twilio.converter.RFC2822Deserializer;
import com.twilio.converter.ZonedDateTimeListDeserializer;
import com.twilio.exception.RestException;
import com.twilio.exception.RestStandardException;
import com.twilio.rest.api.v2010.account.Call;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Twilio SDK classes that Jackson builds reflectively inside the SDK, registered for the native image.
 *
 * <p>Twilio 13.0.1 ships no native-image metadata and Quarkus has no Twilio extension, so without this list
 * {@code Call.fromJson} fails natively ("no delegate- or property-based Creator", then "RFC2822Deserializer has no
 * default constructor"), and so does reading a Twilio error body. Add every further Twilio resource we call here.
 */
@RegisterForReflection(targets = {
        // POST/GET/DELETE .../Calls.json answers: the resource, its enums, the error bodies.
        Call.class, Call.Status.class, Call.UpdateStatus.class,
        RestException.class, RestStandardException.class, RestStandardException.ValidationError.class,
        // @JsonDeserialize(using = ...) converters on Twilio resources; Jackson instantiates them reflectively.
        RFC2822Deserializer.class, ISO8601Deserializer.class, ISO8601Serializer.class,
        CurrencyDeserializer.class, LocalDateDeserializer.class, ZonedDateTimeListDeserializer.class },
        // TwiML.toXml() (transfers) asks JAXP's FactoryFinder for the JDK's default DOM and identity-transform
        // factories, which it instantiates reflectively. Not yet proven natively: CallTransferIT is the check.
        classNames = { "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl",
                "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl" })
final class NativeReflection {

    private NativeReflection() {
    }
}
