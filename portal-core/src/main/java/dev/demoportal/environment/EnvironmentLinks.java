package dev.demoportal.environment;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores an environment's links as a jsonb array of {label, url}. */
@Converter
class EnvironmentLinks implements AttributeConverter<List<EnvironmentLink>, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(List<EnvironmentLink> links) {
        return JSON.writeValueAsString(links == null ? List.of() : links);
    }

    @Override
    public List<EnvironmentLink> convertToEntityAttribute(String json) {
        return json == null || json.isBlank() ? List.of() : JSON.readValue(json, new TypeReference<>() {});
    }
}
