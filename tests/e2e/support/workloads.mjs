// Workloads that use a secret in every way Kubernetes allows, created as API
// objects (no node runs them; the controllers still make ReplicaSets and Pods).
const container = (extra) => ({ name: 'app', image: 'registry.k8s.io/pause:3.10', ...extra });
const template = (spec) => ({ metadata: { labels: { app: 'x' } }, spec });
const selector = { matchLabels: { app: 'x' } };

export function consumerManifests(ns, secret) {
  return [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: ns },
      spec: { replicas: 1, selector, template: template({ containers: [container({
        env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: secret, key: 'password' } } }],
        envFrom: [{ secretRef: { name: secret }, prefix: 'APP_' }] })] }) } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'idle', namespace: ns },
      spec: { replicas: 0, selector, template: template({
        volumes: [{ name: 'creds', secret: { secretName: secret } }],
        containers: [container({ volumeMounts: [{ name: 'creds', mountPath: '/etc/creds', readOnly: true }] })] }) } },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: ns },
      spec: { replicas: 0, serviceName: 'db', selector, template: template({
        volumes: [{ name: 'pw', secret: { secretName: secret, items: [{ key: 'password', path: 'pw' }] } }],
        containers: [container({ volumeMounts: [{ name: 'pw', mountPath: '/run/pw', subPath: 'pw' }] })] }) } },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: ns },
      spec: { selector, template: template({
        volumes: [{ name: 'all', projected: { sources: [{ secret: { name: secret } }] } }],
        containers: [container({ volumeMounts: [{ name: 'all', mountPath: '/etc/all' }] })] }) } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: ns },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never',
        containers: [container({ env: [{ name: 'U', valueFrom: { secretKeyRef: { name: secret, key: 'username' } } }] })] } } } } } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'standalone', namespace: ns },
      spec: { containers: [container({ env: [{ name: 'GONE', valueFrom: { secretKeyRef: { name: secret, key: 'no-such-key' } } }] })] } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: ns },
      imagePullSecrets: [{ name: secret }] },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'site', namespace: ns },
      spec: { tls: [{ hosts: ['site.example.com'], secretName: secret }],
        rules: [{ host: 'site.example.com', http: { paths: [{ path: '/', pathType: 'Prefix',
          backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } },
    // Does not use the secret: must not be listed.
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'unrelated', namespace: ns },
      spec: { replicas: 0, selector, template: template({ containers: [container({})] }) } },
  ];
}
