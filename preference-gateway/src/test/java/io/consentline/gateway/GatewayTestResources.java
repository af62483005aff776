package io.consentline.gateway;

import io.consentline.testsupport.ConsentlineTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against one real Kafka broker and a new PostgreSQL database. */
@QuarkusTestResource(value = ConsentlineTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
public class GatewayTestResources {
}
