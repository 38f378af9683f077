package io.modelops.orchestrator.process;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * The first resolver of every expression: refuses method calls and property reads that lead to
 * reflection, class loading, processes or the engine's and Spring's internals, whatever the
 * expression came from. It resolves nothing itself; allowed calls go on to the next resolver.
 *
 * <p>Refused are any method or property named like {@code getClass}/{@code class}, {@code forName},
 * {@code getClassLoader}, {@code loadClass}, {@code newInstance}, {@code invoke}, {@code exec}, ...
 * on any object, and any call on an object of a dangerous type ({@link Class}, {@link ClassLoader},
 * {@code java.lang.reflect.*}, {@code java.lang.invoke.*}, {@link Runtime}, {@link ProcessBuilder},
 * {@link Process}, {@link Thread}, {@link System}, {@link Module}, the engine itself, Spring's
 * application context, data sources, script engines, ...).
 */
final class ReflectionGuardElResolver extends ELResolver {

  /** Method and property names refused on any object (compared in lower case). */
  private static final Set<String> FORBIDDEN_MEMBERS =
      Set.of(
          "getclass",
          "class",
          "forname",
          "getclassloader",
          "classloader",
          "getcontextclassloader",
          "contextclassloader",
          "setcontextclassloader",
          "loadclass",
          "defineclass",
          "newinstance",
          "getmethod",
          "getmethods",
          "getdeclaredmethod",
          "getdeclaredmethods",
          "getfield",
          "getfields",
          "getdeclaredfield",
          "getdeclaredfields",
          "getconstructor",
          "getconstructors",
          "getdeclaredconstructor",
          "getdeclaredconstructors",
          "invoke",
          "invokeexact",
          "setaccessible",
          "trysetaccessible",
          "getruntime",
          "runtime",
          "exec",
          "getmodule",
          "module",
          "getprotectiondomain",
          "protectiondomain",
          "lookup",
          "getresource",
          "getresourceasstream",
          "getprocessengine",
          "processengine",
          "getprocessengineservices",
          "processengineservices",
          "getprocessengineconfiguration",
          "processengineconfiguration",
          "getapplicationcontext",
          "applicationcontext",
          "getbean",
          "getbeanfactory",
          "beanfactory",
          "getautowirecapablebeanfactory",
          "autowirecapablebeanfactory",
          "getenvironment",
          "environment",
          "mapto",
          "getconnection",
          "connection",
          "getdatasource",
          "datasource",
          "getscriptengine",
          "eval");

  /** Types (and their subtypes) on which nothing may be called or read. */
  private static final Set<Class<?>> FORBIDDEN_TYPES =
      Set.of(
          Class.class,
          ClassLoader.class,
          Runtime.class,
          ProcessBuilder.class,
          Process.class,
          ProcessHandle.class,
          Thread.class,
          ThreadGroup.class,
          System.class,
          Module.class,
          ModuleLayer.class,
          java.security.ProtectionDomain.class,
          java.io.File.class,
          java.nio.file.Path.class,
          java.nio.file.FileSystem.class,
          javax.sql.DataSource.class,
          java.sql.Connection.class);

  /** Packages (and their subpackages) whose classes are refused (not interfaces they implement). */
  private static final Set<String> FORBIDDEN_PACKAGES =
      Set.of(
          "java.lang.reflect.",
          "java.lang.invoke.",
          "java.lang.instrument.",
          "java.lang.ref.",
          "javax.script.",
          "javax.naming.",
          "javax.management.",
          "java.rmi.",
          "sun.",
          "jdk.",
          "com.sun.",
          "org.springframework.context.",
          "org.springframework.beans.factory.",
          "org.springframework.jdbc.",
          "org.springframework.core.env.",
          "org.camunda.bpm.engine.impl.cfg.",
          "org.camunda.bpm.engine.impl.interceptor.",
          "org.camunda.bpm.engine.impl.db.");

  /** Engine types whose instances expose everything. */
  private static final Set<String> FORBIDDEN_TYPE_NAMES =
      Set.of(
          "org.camunda.bpm.engine.ProcessEngine",
          "org.camunda.bpm.engine.ProcessEngineServices",
          "org.camunda.bpm.engine.ProcessEngineConfiguration",
          "org.springframework.context.ApplicationContext",
          "org.springframework.beans.factory.BeanFactory");

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    check(base, property);
    return null;
  }

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    check(base, method);
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    check(base, property);
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    check(base, property);
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    check(base, property);
    return false;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }

  /** Refuses {@code base.member}; a top-level identifier ({@code base == null}) is left alone. */
  static void check(Object base, Object member) {
    if (base == null) {
      return;
    }
    if (isForbiddenTarget(base)) {
      throw new ELException("Expressions may not use objects of type " + base.getClass().getName());
    }
    if (member != null && FORBIDDEN_MEMBERS.contains(member.toString().toLowerCase(Locale.ROOT))) {
      throw new ELException("Expressions may not use '" + member + "'");
    }
  }

  static boolean isForbiddenTarget(Object base) {
    if (base instanceof Class<?>) {
      return true;
    }
    for (Class<?> type : FORBIDDEN_TYPES) {
      if (type.isInstance(base)) {
        return true;
      }
    }
    for (Class<?> type = base.getClass(); type != null; type = type.getSuperclass()) {
      if (isForbiddenTypeName(type) || forbiddenInterface(type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean forbiddenInterface(Class<?> type) {
    for (Class<?> anInterface : type.getInterfaces()) {
      if (FORBIDDEN_TYPE_NAMES.contains(anInterface.getName()) || forbiddenInterface(anInterface)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isForbiddenTypeName(Class<?> type) {
    String name = type.getName();
    if (FORBIDDEN_TYPE_NAMES.contains(name)) {
      return true;
    }
    for (String forbidden : FORBIDDEN_PACKAGES) {
      if (name.startsWith(forbidden)) {
        return true;
      }
    }
    return false;
  }
}
