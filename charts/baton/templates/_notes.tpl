{{- define "baton.notes" -}}
Baton {{ .Chart.AppVersion }} is installed as release "{{ .Release.Name }}" in namespace "{{ .Release.Namespace }}".

Services (image {{ include "baton.image" . }}):
{{- range $service := splitList " " (include "baton.serviceOrder" $) }}
{{- $s := include "baton.serviceValues" (dict "root" $ "service" $service) | fromYaml }}
{{- if $s.enabled }}
  - {{ include "baton.serviceName" (dict "root" $ "service" $service) }}: {{ if $s.autoscaling.enabled }}{{ $s.autoscaling.minReplicas }}-{{ $s.autoscaling.maxReplicas }} replicas (autoscaled){{ else }}{{ $s.replicas }} replica(s){{ end }}
{{- end }}
{{- end }}
Migrations ran in the pre-install/pre-upgrade Job {{ include "baton.fullname" . }}-migrate.
{{- with .Values.nats }}
NATS: {{ if and .existingSecret .existingSecretKey }}URL from Secret {{ .existingSecret }} (key {{ .existingSecretKey }}){{ else }}{{ .url }}{{ end }}; authentication: {{ if .userKey }}user/password{{ else if .tokenKey }}token{{ else if .credsKey }}creds file{{ else }}none{{ end }}{{ if or .userKey .tokenKey .credsKey }} from Secret {{ .existingSecret }}{{ end }}{{ if .tls.existingSecret }}; TLS files from Secret {{ .tls.existingSecret }}{{ if .tls.certKey }} (mutual TLS){{ end }}{{ end }}.
{{- end }}

Wait until every pod is ready:
  kubectl -n {{ .Release.Namespace }} rollout status deployment -l app.kubernetes.io/instance={{ .Release.Name }}

Reach the API:
{{- if .Values.gateway.ingress.enabled }}
{{- range .Values.gateway.ingress.hosts }}
  http{{ if $.Values.gateway.ingress.tls }}s{{ end }}://{{ . }}/api/v1   (docs: /docs)
{{- end }}
{{- else if .Values.gateway.httpRoute.enabled }}
  through the Gateway API route {{ include "baton.serviceName" (dict "root" $ "service" "gateway") }} ({{ join ", " .Values.gateway.httpRoute.hostnames }})
{{- else }}
  kubectl -n {{ .Release.Namespace }} port-forward svc/{{ include "baton.serviceName" (dict "root" $ "service" "gateway") }} 3000:{{ .Values.gateway.service.port }}
  curl http://127.0.0.1:3000/readyz      # then http://127.0.0.1:3000/docs
{{- end }}
{{- if .Values.gateway.auth.devMode }}

Development auth is ON (trials only): mint a token with
  curl -s -X POST <api>/api/v1/dev/tokens -H 'content-type: application/json' -d '{}'
{{- else }}

Development auth is off: the gateway accepts no token until an identity provider is configured.
{{- end }}

Check the installation end to end (gateway -> NATS -> planning -> Postgres):
  helm test {{ .Release.Name }} -n {{ .Release.Namespace }} --logs
{{- if not (.Capabilities.APIVersions.Has "monitoring.coreos.com/v1") }}

The Prometheus operator API (monitoring.coreos.com/v1) was not found: no ServiceMonitor or
PrometheusRule was created. Scrape port "management" (/metrics) of each Service yourself.
{{- end }}

Runbook (upgrade, rollback, secrets, backups, alerts): deploy/RUNBOOK.md in the Baton repository.
{{- end -}}
