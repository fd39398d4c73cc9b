import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../../electron/common/contract/index.ts';
import type { Asset } from '../../../electron/common/models/asset.ts';
import type { AssetQuery } from '../../../electron/common/models/asset-query.ts';
import { useApi, useConnection } from '../../api/api-context.tsx';
import { BLOCK_SIZE } from './asset-columns.ts';

/** Blocks kept in memory; the ones farthest from the view are dropped first. */
const MAX_BLOCKS = 40;
/** While scrolling, wait this long for the view to settle before asking (a fling passes thousands of rows). */
const SCROLL_SETTLE_MS = 80;

export interface AssetWindow {
  /** The asset at a row, or undefined while its block loads. */
  rowAt: (index: number) => Asset | undefined;
  /** Rows matching the query; undefined until the first answer. */
  total: number | undefined;
  /** `total` is a floor: the core counts a broad search only so far (the contract's totalCapped). */
  totalCapped: boolean;
  loading: boolean;
  error: ContractError | undefined;
  /** The rows the table shows now (first, last), so only their blocks are asked for. */
  setVisibleRange: (first: number, last: number) => void;
  /** Ask again from scratch (after an edit, an import, a reconnect). */
  reload: () => void;
}

interface Cache {
  key: string;
  blocks: Map<number, Asset[]>;
  pending: Set<number>;
}

/**
 * The asset table's data: only the blocks of rows around the view are fetched with
 * `assets.list {offset, limit}`, so a million matching assets cost a few requests, not a
 * million rows. A new query (search, filter, sort) starts a new cache; answers for an old one
 * are dropped.
 */
export function useAssetWindow(query: AssetQuery): AssetWindow {
  const api = useApi();
  const { epoch } = useConnection();
  const key = JSON.stringify(query);
  const cache = useRef<Cache>({ key: '', blocks: new Map(), pending: new Set() });
  const range = useRef({ first: 0, last: BLOCK_SIZE - 1 });
  const [, setVersion] = useState(0);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [totalCapped, setTotalCapped] = useState(false);
  const [error, setError] = useState<ContractError | undefined>(undefined);
  const [reloads, setReloads] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const fetchBlock = useCallback(
    (block: number) => {
      const current = cache.current;
      if (current.blocks.has(block) || current.pending.has(block)) return;
      current.pending.add(block);
      setVersion((v) => v + 1);
      const input = {
        ...(JSON.parse(current.key) as AssetQuery),
        offset: block * BLOCK_SIZE,
        limit: BLOCK_SIZE,
      };
      void api.request('assets.list', input).then((result) => {
        if (cache.current !== current) return; // the query changed meanwhile
        current.pending.delete(block);
        if (result.ok) {
          current.blocks.set(block, result.value.items);
          evictFarBlocks(current.blocks, Math.floor(range.current.first / BLOCK_SIZE));
          setTotal(result.value.total);
          setTotalCapped(result.value.totalCapped ?? false);
          setError(undefined);
        } else {
          setError(result.error);
        }
        setVersion((v) => v + 1);
      });
    },
    [api],
  );

  const fetchVisible = useCallback(() => {
    const { first, last } = range.current;
    for (let block = Math.floor(first / BLOCK_SIZE); block <= Math.floor(last / BLOCK_SIZE); block += 1)
      fetchBlock(block);
  }, [fetchBlock]);

  // A new query, a reconnect or a reload: a fresh cache, asked for at once (the first render waits on it).
  useEffect(() => {
    // A new query starts at the top (the table scrolls there too); a reload keeps the place.
    if (cache.current.key !== key) range.current = { first: 0, last: BLOCK_SIZE - 1 };
    cache.current = { key, blocks: new Map(), pending: new Set() };
    setError(undefined);
    fetchVisible();
  }, [key, epoch, reloads, fetchVisible]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const setVisibleRange = useCallback(
    (first: number, last: number) => {
      if (range.current.first === first && range.current.last === last) return;
      range.current = { first, last };
      clearTimeout(timer.current);
      timer.current = setTimeout(fetchVisible, SCROLL_SETTLE_MS);
    },
    [fetchVisible],
  );

  const rowAt = useCallback(
    (index: number) => cache.current.blocks.get(Math.floor(index / BLOCK_SIZE))?.[index % BLOCK_SIZE],
    [],
  );

  return {
    rowAt,
    total,
    totalCapped,
    loading: cache.current.pending.size > 0,
    error,
    setVisibleRange,
    reload: useCallback(() => setReloads((n) => n + 1), []),
  };
}

function evictFarBlocks(blocks: Map<number, Asset[]>, near: number): void {
  if (blocks.size <= MAX_BLOCKS) return;
  const byDistance = [...blocks.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
  for (const block of byDistance.slice(0, blocks.size - MAX_BLOCKS)) blocks.delete(block);
}
