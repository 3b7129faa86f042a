/** The picture a lesson names, loaded (a data set's test split is fetched once), with the reason when it cannot be. */
import { useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { Picture } from '../../engine/lessons/picture';
import { LiveActivationsContext } from '../activations/useNodeActivation';
import { loadPicture } from './pictures';

const never = () => () => {};

export function usePicture(name: string): { picture?: Picture; problem?: string } {
  // The draw pad's drawing is the live activations' probe image when it is pixels (28×28 gray).
  const live = useContext(LiveActivationsContext);
  const image = useSyncExternalStore(live?.subscribe ?? never, () => live?.getState().image);
  const [state, setState] = useState<{ name: string; picture?: Picture; problem?: string }>({ name: '' });
  useEffect(() => {
    let current = true;
    const drawing = image?.kind === 'pixels' ? { bytes: image.bytes, shape: [1, 28, 28] } : undefined;
    loadPicture(name, drawing).then(
      (picture) => current && setState({ name, picture }),
      (error: Error) => current && setState({ name, problem: error.message }),
    );
    return () => {
      current = false;
    };
  }, [name, name === 'drawing' ? image : undefined]);
  return state.problem ? { problem: state.problem } : state.picture ? { picture: state.picture } : {};
}
