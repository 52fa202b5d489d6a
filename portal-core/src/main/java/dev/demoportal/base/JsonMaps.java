package dev.demoportal.base;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Maps a {@code Map<String, Object>} to a jsonb column (the column declares {@code ?::jsonb} on write). */
@Converter
public class JsonMaps implements AttributeConverter<Map<String, Object>, String> {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(Map<String, Object> attribute) {
        return JSON.writeValueAsString(attribute == null ? Map.of() : attribute);
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(String dbData) {
        if (dbData == null || dbData.isBlank()) {
            return new LinkedHashMap<>();
        }
        return JSON.readValue(dbData, new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
