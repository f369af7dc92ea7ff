{{/* Names ---------------------------------------------------------------------------------- */}}

{{- define "baton.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "baton.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* "<fullname>-<service>"; call with (dict "root" $ "service" "planning") */}}
{{- define "baton.serviceName" -}}
{{- printf "%s-%s" (include "baton.fullname" .root | trunc 50 | trimSuffix "-") .service -}}
{{- end -}}

{{- define "baton.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "baton.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name must name an existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Labels --------------------------------------------------------------------------------- */}}

{{- define "baton.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "baton.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: baton
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "baton.selectorLabels" -}}
app.kubernetes.io/name: {{ include "baton.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* labels of one component; call with (dict "root" $ "component" "planning") */}}
{{- define "baton.componentLabels" -}}
{{ include "baton.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "baton.componentSelectorLabels" -}}
{{ include "baton.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Image ---------------------------------------------------------------------------------- */}}

{{- define "baton.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag -}}
{{- if eq (toString $tag) "latest" -}}
{{- fail "image.tag must be a version, not \"latest\": pin what you run (or set image.digest)" -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s:%s@%s" .Values.image.repository $tag .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* Settings of one service: defaults overridden by services.<name>; call with (dict "root" $ "service" "planning") */}}
{{- define "baton.serviceValues" -}}
{{- $defaults := deepCopy .root.Values.defaults -}}
{{- $own := deepCopy (get .root.Values.services .service) -}}
{{- toYaml (mergeOverwrite $defaults $own) -}}
{{- end -}}

{{/* the lowest replica count of a service (HPA minimum when autoscaling) */}}
{{- define "baton.minReplicas" -}}
{{- if .autoscaling.enabled -}}{{ .autoscaling.minReplicas }}{{- else -}}{{ .replicas }}{{- end -}}
{{- end -}}

{{/* Secrets and environment ---------------------------------------------------------------- */}}

{{- define "baton.databaseSecretName" -}}
{{- if .Values.database.url -}}
{{- printf "%s-database" (include "baton.fullname" .) -}}
{{- else -}}
{{- required "database.existingSecret (a Secret with the Postgres URL) or database.url is required" .Values.database.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "baton.databaseSecretKey" -}}
{{- if .Values.database.url -}}url{{- else -}}{{ .Values.database.existingSecretKey }}{{- end -}}
{{- end -}}

{{/* DATABASE_URL and NATS_URL as env entries (secrets by reference, never by value) */}}
{{- define "baton.connectionEnv" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "baton.databaseSecretName" . }}
      key: {{ include "baton.databaseSecretKey" . }}
{{- include "baton.natsChecks" . }}
{{- if and .Values.nats.existingSecret .Values.nats.existingSecretKey }}
- name: NATS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.nats.existingSecret }}
      key: {{ .Values.nats.existingSecretKey }}
{{- else }}
- name: NATS_URL
  value: {{ required "nats.url (or nats.existingSecret with nats.existingSecretKey) is required" .Values.nats.url | quote }}
{{- end }}
{{- range $var, $key := dict "NATS_USER" .Values.nats.userKey "NATS_PASSWORD" .Values.nats.passwordKey "NATS_TOKEN" .Values.nats.tokenKey }}
{{- if $key }}
- name: {{ $var }}
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.nats.existingSecret }}
      key: {{ $key }}
{{- end }}
{{- end }}
{{- if .Values.nats.credsKey }}
- name: NATS_CREDS_FILE
  value: /etc/baton/nats-creds/nats.creds
{{- end }}
{{- with .Values.nats.tls }}
{{- if .caKey }}
- name: NATS_TLS_CA_FILE
  value: /etc/baton/nats-tls/ca.crt
{{- end }}
{{- if .certKey }}
- name: NATS_TLS_CERT_FILE
  value: /etc/baton/nats-tls/tls.crt
- name: NATS_TLS_KEY_FILE
  value: /etc/baton/nats-tls/tls.key
{{- end }}
{{- end }}
{{- if .Values.tls.caSecret }}
- name: NODE_EXTRA_CA_CERTS
  value: /etc/baton/ca/{{ .Values.tls.caKey }}
{{- end }}
{{- end -}}

{{/* NATS credentials and TLS files: consistent, or the render fails with the value to fix */}}
{{- define "baton.natsChecks" -}}
{{- $n := .Values.nats -}}
{{- if and (or $n.userKey $n.passwordKey $n.tokenKey $n.credsKey) (not $n.existingSecret) -}}
{{- fail "nats.userKey, nats.passwordKey, nats.tokenKey and nats.credsKey name keys of nats.existingSecret: set nats.existingSecret" -}}
{{- end -}}
{{- if or (and $n.userKey (not $n.passwordKey)) (and $n.passwordKey (not $n.userKey)) -}}
{{- fail "nats.userKey and nats.passwordKey go together (NATS_USER and NATS_PASSWORD)" -}}
{{- end -}}
{{- $methods := 0 -}}
{{- if $n.userKey }}{{ $methods = add1 $methods }}{{ end -}}
{{- if $n.tokenKey }}{{ $methods = add1 $methods }}{{ end -}}
{{- if $n.credsKey }}{{ $methods = add1 $methods }}{{ end -}}
{{- if gt $methods 1 -}}
{{- fail "choose one NATS authentication method: nats.userKey/passwordKey, nats.tokenKey or nats.credsKey" -}}
{{- end -}}
{{- if and (or $n.tls.caKey $n.tls.certKey $n.tls.keyKey) (not $n.tls.existingSecret) -}}
{{- fail "nats.tls.caKey, certKey and keyKey name keys of nats.tls.existingSecret: set nats.tls.existingSecret" -}}
{{- end -}}
{{- if and $n.tls.existingSecret (not (or $n.tls.caKey $n.tls.certKey)) -}}
{{- fail "nats.tls.existingSecret is set: name the keys to use (nats.tls.caKey and/or nats.tls.certKey with nats.tls.keyKey)" -}}
{{- end -}}
{{- if or (and $n.tls.certKey (not $n.tls.keyKey)) (and $n.tls.keyKey (not $n.tls.certKey)) -}}
{{- fail "nats.tls.certKey and nats.tls.keyKey go together (the client certificate and its key, for mutual TLS)" -}}
{{- end -}}
{{- end -}}

{{/* Security ------------------------------------------------------------------------------- */}}

{{- define "baton.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurityContext.runAsUser }}
runAsGroup: {{ .Values.podSecurityContext.runAsGroup }}
fsGroup: {{ .Values.podSecurityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "baton.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurityContext.runAsUser }}
runAsGroup: {{ .Values.podSecurityContext.runAsGroup }}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* volumes every Baton pod has: /tmp, and the CA bundle when configured */}}
{{- define "baton.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpSizeLimit }}
{{- if .Values.tls.caSecret }}
- name: ca
  secret:
    secretName: {{ .Values.tls.caSecret }}
    items:
      - key: {{ .Values.tls.caKey }}
        path: {{ .Values.tls.caKey }}
{{- end }}
{{- if .Values.nats.credsKey }}
- name: nats-creds
  secret:
    secretName: {{ .Values.nats.existingSecret }}
    defaultMode: 288 # 0440: the pod's fsGroup reads it, nobody else
    items:
      - key: {{ .Values.nats.credsKey }}
        path: nats.creds
{{- end }}
{{- with .Values.nats.tls }}
{{- if .existingSecret }}
- name: nats-tls
  secret:
    secretName: {{ .existingSecret }}
    defaultMode: 288 # 0440
    items:
      {{- if .caKey }}
      - key: {{ .caKey }}
        path: ca.crt
      {{- end }}
      {{- if .certKey }}
      - key: {{ .certKey }}
        path: tls.crt
      - key: {{ .keyKey }}
        path: tls.key
      {{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "baton.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.tls.caSecret }}
- name: ca
  mountPath: /etc/baton/ca
  readOnly: true
{{- end }}
{{- if .Values.nats.credsKey }}
- name: nats-creds
  mountPath: /etc/baton/nats-creds
  readOnly: true
{{- end }}
{{- if .Values.nats.tls.existingSecret }}
- name: nats-tls
  mountPath: /etc/baton/nats-tls
  readOnly: true
{{- end }}
{{- end -}}

{{/* the command line of a service: node dist/services/<svc>/src/main.js [migrate] (the image's entrypoint is tini -- node) */}}
{{- define "baton.mainJs" -}}
dist/services/{{ . }}/src/main.js
{{- end -}}

{{/* the services the chart knows, in start order */}}
{{- define "baton.serviceOrder" -}}
gateway planning resources budget risk quality reporting
{{- end -}}
