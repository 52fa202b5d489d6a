{{/* Names, labels and the pieces both deployments share. */}}

{{- define "demo-portal.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "demo-portal.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: demo-portal
{{- end -}}

{{/* selector labels of one component: pass (dict "root" $ "component" "portal") */}}
{{- define "demo-portal.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "demo-portal.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if .root.Values.image.digest -}}
{{ .root.Values.image.repository }}/{{ .name }}@{{ .root.Values.image.digest }}
{{- else -}}
{{ .root.Values.image.repository }}/{{ .name }}:{{ $tag }}
{{- end -}}
{{- end -}}

{{- define "demo-portal.portalServiceAccount" -}}
{{- .Values.portal.serviceAccount.name | default (printf "%s-portal" (include "demo-portal.fullname" .)) -}}
{{- end -}}

{{- define "demo-portal.workerServiceAccount" -}}
{{- .Values.worker.serviceAccount.name | default (printf "%s-worker" (include "demo-portal.fullname" .)) -}}
{{- end -}}

{{/* The database connection, for the apps and the migration job. */}}
{{- define "demo-portal.databaseEnv" -}}
- name: SPRING_DATASOURCE_URL
  value: {{ .Values.database.url | quote }}
{{- if .Values.database.usernameKey }}
- name: SPRING_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.usernameKey }}
{{- else }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ .Values.database.username | quote }}
{{- end }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.database.existingSecret }}
      key: {{ .Values.database.passwordKey }}
{{- if .Values.logging.format }}
- name: LOGGING_STRUCTURED_FORMAT_CONSOLE
  value: {{ .Values.logging.format | quote }}
{{- end }}
{{- end -}}

{{/* Settings both long-running apps share: configuration file, management port, Flyway, the
     sandbox keyset, mail. */}}
{{- define "demo-portal.appEnv" -}}
{{ include "demo-portal.databaseEnv" . }}
- name: PORTAL_SANDBOX_KEYS_KEYSET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.sandbox.keyset.existingSecret }}
      key: {{ .Values.sandbox.keyset.key }}
{{- with .Values.sandbox.keyset.kmsKeyUri }}
- name: PORTAL_SANDBOX_KEYS_KMSKEYURI
  value: {{ . | quote }}
{{- end }}
{{- with .Values.sandbox.legacySecretKey.existingSecret }}
- name: PORTAL_SANDBOX_KEYS_LEGACYKEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.sandbox.legacySecretKey.key }}
{{- end }}
{{- $portalUrl := .Values.mail.portalUrl | default (ternary (printf "https://%s/" .Values.portal.ingress.host) "" (and .Values.portal.ingress.enabled (ne .Values.portal.ingress.host ""))) }}
{{- with $portalUrl }}
- name: PORTAL_MAIL_PORTALURL
  value: {{ . | quote }}
{{- end }}
{{- with .Values.mail.host }}
- name: SPRING_MAIL_HOST
  value: {{ . | quote }}
- name: SPRING_MAIL_PORT
  value: {{ $.Values.mail.port | quote }}
- name: SPRING_MAIL_PROPERTIES_MAIL_SMTP_STARTTLS_ENABLE
  value: {{ $.Values.mail.starttls | quote }}
{{- end }}
{{- with .Values.mail.username }}
- name: SPRING_MAIL_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- with .Values.mail.existingSecret }}
- name: SPRING_MAIL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.mail.passwordKey }}
{{- end }}
{{- with .Values.mail.from }}
- name: PORTAL_MAIL_FROM
  value: {{ . | quote }}
{{- end }}
{{- with .Values.mail.fromName }}
- name: PORTAL_MAIL_FROMNAME
  value: {{ . | quote }}
{{- end }}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: optional:file:/etc/demo-portal/
- name: MANAGEMENT_SERVER_PORT
  value: {{ .Values.metrics.port | quote }}
{{- if .Values.migrations.enabled }}
# the schema was migrated by the pre-install/pre-upgrade hook job of this release
- name: SPRING_FLYWAY_ENABLED
  value: "false"
{{- end }}
{{- end -}}

{{- define "demo-portal.topologySpread" -}}
{{- if .values.topologySpread.enabled -}}
topologySpreadConstraints:
  - maxSkew: {{ .values.topologySpread.maxSkew }}
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: {{ .values.topologySpread.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- include "demo-portal.selector" (dict "root" .root "component" .component) | nindent 8 }}
  - maxSkew: {{ .values.topologySpread.maxSkew }}
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: {{ .values.topologySpread.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- include "demo-portal.selector" (dict "root" .root "component" .component) | nindent 8 }}
{{- end }}
{{- end -}}

{{/* Bracketed map keys: Spring keeps them as written (spaces, dots, capitals, GUIDs). */}}
{{- define "demo-portal.bracketed" -}}
{{- $out := dict -}}
{{- range $k, $v := . -}}
{{- $_ := set $out (printf "[%s]" $k) $v -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}
