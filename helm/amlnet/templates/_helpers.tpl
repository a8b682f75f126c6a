{{/* The chart's name, or nameOverride. */}}
{{- define "amlnet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: namespaced objects are called this. */}}
{{- define "amlnet.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Cluster-scoped objects, and Roles in watched namespaces, carry the release namespace too: two
releases of the same name in different namespaces must not share (or fight over) one ClusterRole.
*/}}
{{- define "amlnet.uniqueName" -}}
{{- printf "%s-%s" (include "amlnet.fullname" .) .Release.Namespace | trunc 253 | trimSuffix "-" }}
{{- end }}

{{- define "amlnet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "amlnet.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "amlnet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "amlnet.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "amlnet.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "amlnet.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: amlnet
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "amlnet.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* What the operator may do to amlnet's objects: exactly the calls of JOSDK and the reconcilers. */}}
{{- define "amlnet.rules.operator" -}}
# Informers (list, watch), JOSDK's re-read on a conflict (get), and the finalizer, added by
# server-side apply and removed by a JSON patch (patch). Never update, create or delete.
- apiGroups: ["amlnet.io"]
  resources: ["trainingenvironments", "trainingcomputes"]
  verbs: ["get", "list", "watch", "patch"]
# Status is written only through patches (server-side apply, or a JSON patch from updateErrorStatus).
- apiGroups: ["amlnet.io"]
  resources: ["trainingenvironments/status", "trainingcomputes/status"]
  verbs: ["patch"]
# EventRecorder writes events.k8s.io/v1 Events, one per Azure write and preflight failure.
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create"]
# Workload identity per namespace (spec.credential.serviceAccountName): the ServiceAccount's
# azure.workload.identity/client-id annotation (get) and a short-lived token of it for Entra ID (create).
- apiGroups: [""]
  resources: ["serviceaccounts"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["serviceaccounts/token"]
  verbs: ["create"]
{{- end }}

{{/*
Secrets, by name, in the object's own namespace: an environment's credential Secret and an attached
compute's login (get); the amlnet.io/credential-in-use finalizer that keeps a credential Secret
until the last environment naming it is cleaned up (patch).
*/}}
{{- define "amlnet.rules.secrets" -}}
{{- /* get: credentials and attach logins; patch: the amlnet.io/credential-in-use label and finalizer;
       list, watch: the informer on labelled credential Secrets (a rotation reconciles at once). */}}
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "patch"]
{{- end }}

{{/* The subject of every binding. */}}
{{- define "amlnet.subject" -}}
- kind: ServiceAccount
  name: {{ include "amlnet.serviceAccountName" . }}
  namespace: {{ .Release.Namespace }}
{{- end }}
