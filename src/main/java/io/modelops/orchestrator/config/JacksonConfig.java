package io.modelops.orchestrator.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.modelops.orchestrator.web.CheckedTextJsonFactory;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Strict JSON for the API: a number or boolean where text is expected ({@code "version": 1.0}) is
 * an error, not silently turned into {@code "1.0"}; the same for text where a number is expected.
 */
@Configuration
public class JacksonConfig {

  /**
   * Request and response bodies of the API. Requests are read by parsers that refuse control
   * characters and unpaired surrogates in every string and member name ({@link
   * CheckedTextJsonFactory}); the application's own mapper, which also reads stored JSON, is left
   * as it is.
   */
  @Bean
  MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(
      ObjectMapper objectMapper) {
    return new MappingJackson2HttpMessageConverter(
        objectMapper.copyWith(new CheckedTextJsonFactory(objectMapper.getFactory())));
  }

  @Bean
  Jackson2ObjectMapperBuilderCustomizer strictScalars() {
    return builder -> builder.postConfigurer(JacksonConfig::refuseScalarCoercion);
  }

  /** Makes a mapper refuse text for numbers and booleans, and numbers or booleans for text. */
  public static ObjectMapper refuseScalarCoercion(ObjectMapper mapper) {
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    return mapper;
  }
}
