package io.modelops.orchestrator.process;

import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.springframework.context.ApplicationContext;

/**
 * The engine's expression language (JUEL) as Camunda's Spring integration sets it up, with two
 * differences: a {@link ReflectionGuardElResolver guard} comes first and refuses reflection, class
 * loading and the engine's internals on any object; and only the orchestrator's own beans are
 * visible by name ({@link ApplicationBeanElResolver}), not the whole application context. Variables
 * ({@code execution}, {@code task}, process variables) resolve as before.
 */
final class GuardedExpressionManager extends SpringExpressionManager {

  GuardedExpressionManager(ApplicationContext applicationContext) {
    super(applicationContext, null);
  }

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new ReflectionGuardElResolver());
    resolver.add(new VariableScopeElResolver());
    resolver.add(new VariableContextElResolver());
    resolver.add(new ApplicationBeanElResolver(applicationContext));
    resolver.add(new ArrayELResolver());
    resolver.add(new ListELResolver());
    resolver.add(new MapELResolver());
    resolver.add(new BeanELResolver());
    return resolver;
  }
}
