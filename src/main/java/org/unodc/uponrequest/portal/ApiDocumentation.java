package org.unodc.uponrequest.portal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request API's OpenAPI document (/api/openapi.json, Swagger UI at /api/docs), for integrators. */
@Configuration
class ApiDocumentation {

  @Bean
  OpenAPI requestApi() {
    return new OpenAPI()
        .info(new Info().title("UponRequest request API").version("1")
            .description("Member States' own door to their requests for technical assistance (GA resolution 64/179): "
                + "file a request, follow it, answer UNODC, give feedback, withdraw. Sign in with the focal point's "
                + "account (HTTP Basic). Bodies are the fields of the step's form as a JSON object; a refusal is "
                + "application/problem+json naming each field at fault ('errors'). Unknown references and other "
                + "States' requests give the same 404. POST /api/requests takes an Idempotency-Key header: a retried "
                + "submission with the same key returns the first request. A filing is answered 201 once it is "
                + "checked, numbered and received (stage INTAKE); UNODC registers it moments later (screening, the "
                + "receipt mail). Reading or withdrawing a request just filed waits for its registration; while a "
                + "registration is failing, those answer 503: try again later. Managers read the programme's figures "
                + "under /api/metrics (the dashboard's, as JSON or CSV)."))
        .components(new Components().addSecuritySchemes("focalPoint",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("focalPoint"));
  }
}
