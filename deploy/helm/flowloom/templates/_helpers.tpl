{{/* The name every object of the release starts with: the release's, followed by flowloom unless it has it. */}}
{{- define "flowloom.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The labels that select the release's pods; each Deployment adds app.kubernetes.io/component. */}}
{{- define "flowloom.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The labels of every object. */}}
{{- define "flowloom.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "flowloom.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "flowloom.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "flowloom.encryptionKeySecret" -}}
{{- if .Values.encryptionKey.existingSecret }}{{ .Values.encryptionKey.existingSecret }}{{ else }}{{ include "flowloom.fullname" . }}-encryption-key{{ end }}
{{- end }}

{{- define "flowloom.connectionsSecret" -}}
{{- if .Values.connections.existingSecret }}{{ .Values.connections.existingSecret }}{{ else }}{{ include "flowloom.fullname" . }}-connections{{ end }}
{{- end }}

{{/* The environment every role shares: the port and the queue's prefix, then the two Secrets. */}}
{{- define "flowloom.env" -}}
- name: FLOWLOOM_PORT
  value: {{ .Values.port | quote }}
- name: FLOWLOOM_QUEUE_PREFIX
  value: {{ .Values.queuePrefix | quote }}
{{- end }}

{{- define "flowloom.envFrom" -}}
- secretRef:
    name: {{ include "flowloom.encryptionKeySecret" . }}
- secretRef:
    name: {{ include "flowloom.connectionsSecret" . }}
{{- end }}

{{/*
Every role answers GET /livez (the process is up) and GET /readyz (Redis and PostgreSQL answer). The process
listens only once both are reached and its migrations have run, which the startup probe waits for.
*/}}
{{- define "flowloom.probes" -}}
startupProbe:
  httpGet:
    path: /livez
    port: http
  periodSeconds: 5
  failureThreshold: 60
livenessProbe:
  httpGet:
    path: /livez
    port: http
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /readyz
    port: http
  periodSeconds: 5
  failureThreshold: 2
{{- end }}
