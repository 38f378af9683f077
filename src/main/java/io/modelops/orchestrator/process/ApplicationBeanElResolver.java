package io.modelops.orchestrator.process;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.PropertyNotWritableException;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * Makes the orchestrator's own beans (classes of {@code io.modelops.orchestrator}) visible in
 * expressions by name, e.g. {@code ${releaseSteps.promote(execution)}}, and nothing else of the
 * application context: no {@code dataSource}, {@code jdbcTemplate}, {@code processEngine}, {@code
 * runtimeService}, configuration classes or configuration properties (they hold secrets).
 */
final class ApplicationBeanElResolver extends ELResolver {

  static final String APPLICATION_PACKAGE = "io.modelops.orchestrator.";

  private final ApplicationContext applicationContext;
  private final Map<String, Boolean> exposed = new ConcurrentHashMap<>();

  ApplicationBeanElResolver(ApplicationContext applicationContext) {
    this.applicationContext = applicationContext;
  }

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base == null && property instanceof String name && isExposed(name)) {
      context.setPropertyResolved(true);
      return applicationContext.getBean(name);
    }
    return null;
  }

  private boolean isExposed(String name) {
    return exposed.computeIfAbsent(name, this::decide);
  }

  private boolean decide(String name) {
    if (name.isEmpty()
        || BeanFactoryUtils.isFactoryDereference(name)
        || !applicationContext.containsBean(name)) {
      return false;
    }
    Class<?> type = applicationContext.getType(name);
    if (type == null) {
      return false;
    }
    Class<?> userClass = ClassUtils.getUserClass(type);
    return userClass.getName().startsWith(APPLICATION_PACKAGE)
        && !AnnotatedElementUtils.hasAnnotation(userClass, Configuration.class)
        && !AnnotatedElementUtils.hasAnnotation(userClass, ConfigurationProperties.class);
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    if (base == null && property instanceof String name && isExposed(name)) {
      throw new PropertyNotWritableException("Cannot set bean '" + name + "' in an expression");
    }
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    if (base == null && property instanceof String name && isExposed(name)) {
      context.setPropertyResolved(true);
      return true;
    }
    return false;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return base == null ? Object.class : null;
  }
}
