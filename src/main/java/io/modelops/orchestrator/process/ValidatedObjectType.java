package io.modelops.orchestrator.process;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;
import org.camunda.bpm.engine.variable.impl.type.ObjectTypeImpl;
import org.camunda.bpm.engine.variable.type.SerializableValueType;
import org.camunda.bpm.engine.variable.value.SerializableValue;

/**
 * The {@code Object} value type as the engine REST API and the webapps create it from a serialized
 * value: an {@code objectTypeName} the deserialization type validation would refuse is refused when
 * the variable is written (400), instead of being stored and failing on every later read. Values
 * created in Java by the application are not affected.
 */
final class ValidatedObjectType extends ObjectTypeImpl {

  private static final long serialVersionUID = 1L;

  private final transient DeserializationTypeValidator validator;

  ValidatedObjectType(DeserializationTypeValidator validator) {
    this.validator = validator;
  }

  @Override
  public SerializableValue createValueFromSerialized(
      String serializedValue, Map<String, Object> valueInfo) {
    Object typeName =
        valueInfo == null ? null : valueInfo.get(SerializableValueType.VALUE_INFO_OBJECT_TYPE_NAME);
    if (typeName != null) {
      List<String> refused = refused(typeName.toString());
      if (!refused.isEmpty()) {
        throw new BadUserRequestException(
            "Object variables of type " + refused + " are not allowed");
      }
    }
    return super.createValueFromSerialized(serializedValue, valueInfo);
  }

  private List<String> refused(String typeName) {
    List<String> refused = new ArrayList<>();
    JavaType type;
    try {
      type = TypeFactory.defaultInstance().constructFromCanonical(typeName);
    } catch (IllegalArgumentException unknown) {
      refused.add(typeName.length() > 200 ? typeName.substring(0, 200) + "..." : typeName);
      return refused;
    }
    collect(type, refused);
    return refused;
  }

  private void collect(JavaType type, List<String> refused) {
    if (type == null || type.isPrimitive()) {
      return;
    }
    if (type.isArrayType()) {
      collect(type.getContentType(), refused);
      return;
    }
    String name = type.getRawClass().getName();
    if (!validator.validate(name) && !refused.contains(name)) {
      refused.add(name);
    }
    if (type.isMapLikeType()) {
      collect(type.getKeyType(), refused);
    }
    if (type.isContainerType() || type.hasContentType()) {
      collect(type.getContentType(), refused);
    }
    for (int i = 0; i < type.containedTypeCount(); i++) {
      collect(type.containedType(i), refused);
    }
  }
}
