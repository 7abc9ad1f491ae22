// One line that says how the host is connected, for the popup and the options page.

export function describeStatus(status) {
  switch (status?.state) {
    case 'connected': {
      const via = status.transport === 'websocket' ? 'websocket' : 'native messaging';
      const model = status.model ? ` · ${status.model}` : '';
      const version = status.host_version ? ` · host ${status.host_version}` : '';
      return `Connected via ${via}${model}${version}`;
    }
    case 'connecting':
      return 'Connecting…';
    case 'missing':
      return 'Host not installed';
    case 'unauthorized':
      return 'Token refused';
    case 'unreachable':
      return 'Host not reachable';
    case 'forbidden':
      return 'Host does not allow this extension';
    case 'error':
      return 'Host stopped; retrying';
    default:
      return 'Not connected';
  }
}
