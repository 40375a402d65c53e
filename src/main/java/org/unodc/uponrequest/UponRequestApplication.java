package org.unodc.uponrequest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class UponRequestApplication {

  public static void main(String[] args) {
    SpringApplication.run(UponRequestApplication.class, args);
  }
}
