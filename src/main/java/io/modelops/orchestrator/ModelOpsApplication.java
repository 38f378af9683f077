package io.modelops.orchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ModelOpsApplication {
  public static void main(String[] args) {
    SpringApplication.run(ModelOpsApplication.class, args);
  }
}
