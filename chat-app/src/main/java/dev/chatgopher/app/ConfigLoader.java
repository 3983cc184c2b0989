package dev.chatgopher.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Loads {@code application.conf}, resolving its {@code ${?VAR}} overrides from the environment merged with a
 * {@code .env} file in the working directory (the real environment wins), with JVM system properties on top.
 */
public final class ConfigLoader {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ConfigLoader() {}

    /** The configuration of this process: its environment, its working directory's .env, its system properties. */
    public static Config load() {
        return load(Path.of(""), System.getenv(), System.getProperties());
    }

    static Config load(Path workingDirectory, Map<String, String> environment, Properties systemProperties) {
        Map<String, String> variables = new HashMap<>(dotEnv(workingDirectory));
        variables.putAll(environment);
        variables.keySet().removeIf(name -> !VARIABLE_NAME.matcher(name).matches());
        try {
            return ConfigFactory.parseProperties(systemProperties)
                    .withFallback(ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "application.conf"))
                    .withFallback(ConfigFactory.parseMap(variables, "environment and .env"))
                    .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
        } catch (ConfigException e) {
            throw new StartupException("Invalid configuration: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> dotEnv(Path workingDirectory) {
        Path file = workingDirectory.resolve(".env");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Dotenv dotenv = Dotenv.configure()
                    .directory(workingDirectory.toAbsolutePath().toString())
                    .load();
            Map<String, String> entries = new HashMap<>();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                entries.put(entry.getKey(), entry.getValue());
            }
            return entries;
        } catch (DotenvException e) {
            throw new StartupException("Could not read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
